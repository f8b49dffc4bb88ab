import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { resellerActor, type Actor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import {
  accountFeatures, addonAssignments, assignAddon, createProduct, createServiceAccount, mainProductIdsOfCustomer, pageServiceAccounts,
  queryServiceAccounts, setAccountService, setServiceFeature, type ServiceAccount,
} from '../../../src/core/products/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

// The account queries of src/core/products filter, count and page in the database (spec/porta.md
// §4.3 at 100,000 accounts): each condition must select exactly what the in-process rules of §10 say.

const DAY = 86_400_000

for (const kind of TEST_DATABASES) {
  describe(`service account queries in the database (${kind})`, () => {
    let app: TestApp
    let actor: Actor
    let customerId: number
    let otherCustomerId: number
    let all: ServiceAccount[]
    const products: Record<string, number> = {}
    before(async () => {
      app = await startTestApp(kind)
      const r = await app.reseller()
      actor = resellerActor(r.id)
      customerId = (await signUpCustomer(app.core, actor, { profile: { name: 'Query Ltd' } })).customer.id
      otherCustomerId = (await signUpCustomer(app.core, actor, { profile: { name: 'Other Ltd' } })).customer.id
      const c = app.core
      const mk = async (name: string, k: 'main' | 'addon', extra: { endUserName?: string; addonPriority?: number } = {}) => {
        products[name] = (await createProduct(c, actor, { kind: k, name, currency: 'GBP', ...extra })).id
      }
      await mk('Gold', 'main', { endUserName: 'Résidentiel Or' })
      await mk('Silver', 'main')
      await mk('Plain', 'main')
      await mk('Low', 'addon', { addonPriority: 1 })
      await mk('High', 'addon', { addonPriority: 5 })
      await mk('Later', 'addon', { addonPriority: 9 })
      // clir on Gold, off on Silver, unset on Plain; Low turns it on, High off; Later (not yet current) on.
      await setServiceFeature(c, actor, { productId: products.Gold! }, { name: 'clir', enabled: true, attributes: {} })
      await setServiceFeature(c, actor, { productId: products.Silver! }, { name: 'clir', enabled: false, attributes: {} })
      await setServiceFeature(c, actor, { productId: products.Low! }, { name: 'clir', enabled: true, attributes: {} })
      await setServiceFeature(c, actor, { productId: products.High! }, { name: 'clir', enabled: false, attributes: {} })
      await setServiceFeature(c, actor, { productId: products.Later! }, { name: 'clir', enabled: true, attributes: {} })
      const now = Date.now()
      let n = 0
      for (const main of ['Gold', 'Silver', 'Plain']) {
        for (const addons of [[], ['Low'], ['High'], ['Low', 'High'], ['Later']]) {
          for (const own of [undefined, true, false]) {
            n++
            const a = await createServiceAccount(c, actor, {
              customerId: n % 7 === 0 ? otherCustomerId : customerId, kind: 'sip', login: `q${n}-${kind}`, productId: products[main]!,
              firstName: n % 5 === 0 ? 'Zoë' : 'Alan', lastName: `Case${n}`, email: `user${n}@example.com`,
            })
            for (const x of addons) {
              const from = x === 'Later' ? new Date(now + 5 * DAY) : new Date(now - 5 * DAY)
              await assignAddon(c, actor, { accountId: a.id, addonProductId: products[x]!, from })
            }
            if (own !== undefined) await setServiceFeature(c, actor, { accountId: a.id }, { name: 'clir', enabled: own, attributes: {} })
            if (n % 4 === 0) await setAccountService(c, actor, a.id, { extensionNumber: `7${n}`, activatedAt: new Date(now - 40 * DAY) })
          }
        }
      }
      all = await queryServiceAccounts(c, actor, {})
    })
    after(async () => { await app.stop() })

    const ids = (list: ServiceAccount[]) => list.map((a) => a.id)

    test('excluding an enabled feature agrees with the effective features (account, then current add-ons by priority, then product)', async () => {
      const now = new Date()
      const features = await accountFeatures(app.core, actor, all, await addonAssignments(app.core, actor, ids(all)), now)
      const expected = all.filter((a) => !(features.get(a.id) ?? []).some((f) => f.name === 'clir' && f.enabled)).map((a) => a.id)
      assert.ok(expected.length > 5 && expected.length < all.length - 5, `${expected.length} of ${all.length}: both kinds present`)
      assert.deepEqual(ids(await queryServiceAccounts(app.core, actor, { withoutEnabledFeature: { name: 'clir', now } })), expected)
    })

    test('account text matches login, extension, full name or email ignoring case, Unicode included', async () => {
      assert.deepEqual(ids(await queryServiceAccounts(app.core, actor, { accountText: 'zoë' })), all.filter((a) => a.firstName === 'Zoë').map((a) => a.id))
      assert.deepEqual(ids(await queryServiceAccounts(app.core, actor, { accountText: 'USER12@' })), all.filter((a) => a.email === 'user12@example.com').map((a) => a.id))
      const ext = all.find((a) => a.extensionNumber)!
      assert.ok(ids(await queryServiceAccounts(app.core, actor, { accountText: ext.extensionNumber! })).includes(ext.id))
      assert.deepEqual(ids(await queryServiceAccounts(app.core, actor, { accountText: 'a%_\\' })), [], 'LIKE wildcards are plain text')
    })

    test('product text matches the main product name or end-user name; with account text, either', async () => {
      const gold = all.filter((a) => a.product?.id === products.Gold).map((a) => a.id)
      assert.deepEqual(ids(await queryServiceAccounts(app.core, actor, { productText: { term: 'résidentiel' } })), gold)
      const either = ids(await queryServiceAccounts(app.core, actor, { productText: { term: 'zoë', orAccountText: true } }))
      assert.deepEqual(either, all.filter((a) => a.firstName === 'Zoë').map((a) => a.id))
    })

    test('a page holds size accounts by id, the count is of every match, a page past the end is empty', async () => {
      const mine = all.filter((a) => a.customerId === customerId)
      const page = await pageServiceAccounts(app.core, actor, { customerId }, { offset: 8, limit: 4 })
      assert.equal(page.total, mine.length)
      assert.deepEqual(ids(page.accounts), ids(mine.slice(8, 12)))
      assert.deepEqual(await pageServiceAccounts(app.core, actor, { customerId }, { offset: 800, limit: 100 }), { total: mine.length, accounts: [] })
      assert.deepEqual(await mainProductIdsOfCustomer(app.core, actor, customerId), [products.Gold, products.Silver, products.Plain].sort((a, b) => a! - b!))
    })

    test('a paged match is read once, and again after a write to an account', async () => {
      const first = await pageServiceAccounts(app.core, actor, { customerId, accountText: 'case1' }, { offset: 0, limit: 2 })
      const extra = await createServiceAccount(app.core, actor, { customerId, kind: 'sip', login: `case1-late-${kind}`, productId: products.Gold! })
      const after = await pageServiceAccounts(app.core, actor, { customerId, accountText: 'case1' }, { offset: 0, limit: 100 })
      assert.equal(after.total, first.total + 1)
      assert.equal(after.accounts.at(-1)!.id, extra.id)
      all = await queryServiceAccounts(app.core, actor, {})
    })

    test('with an extension and without some ids: the busy-lamp-field candidates', async () => {
      const withExt = all.filter((a) => a.customerId === customerId && a.extensionNumber)
      const [first, ...rest] = withExt
      assert.deepEqual(ids(await queryServiceAccounts(app.core, actor, { customerId, withExtension: true, excludeIds: [first!.id] })), ids(rest))
    })

    test('by activation, an account without its own activation time counts from its creation, one with it does not', async () => {
      const now = Date.now()
      const recent = await queryServiceAccounts(app.core, actor, { window: { from: new Date(now - DAY), to: new Date(now + DAY), byActivation: true } })
      const fallback = all.filter((a) => !a.extensionNumber).map((a) => a.id)
      assert.ok(fallback.length > 0 && fallback.length < all.length, 'both kinds present')
      assert.deepEqual(ids(recent), fallback, 'created now, activated 40 days ago: outside this window')
    })

    test('a window selects accounts activated in it, or with a main or add-on period overlapping it', async () => {
      const now = Date.now()
      const byActivation = await queryServiceAccounts(app.core, actor, { window: { from: new Date(now - 41 * DAY), to: new Date(now - 39 * DAY), byActivation: true } })
      assert.deepEqual(ids(byActivation), all.filter((a) => a.extensionNumber).map((a) => a.id))
      const future = await queryServiceAccounts(app.core, actor, { window: { from: new Date(now + 4 * DAY), to: new Date(now + 6 * DAY), byActivation: false } })
      assert.equal(future.length, all.length, 'every open main period overlaps a future window')
      const before = await queryServiceAccounts(app.core, actor, { window: { from: new Date(now - 60 * DAY), to: new Date(now - 50 * DAY), byActivation: false } })
      assert.deepEqual(before, [], 'nothing was active then')
    })
  })
}
