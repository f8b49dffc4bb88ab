import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import {
  assignAddon, createProduct, createServiceAccount, getProduct, queryProducts, queryServiceAccounts, recordUsage, setAllowedAddons,
} from '../../../src/core/products/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

// The catalogue and service accounts of src/core/products (spec/porta.md §10), tenant-scoped.

for (const kind of TEST_DATABASES) {
  describe(`products and service accounts (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    async function partner() {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const { customer } = await signUpCustomer(app.core, actor, { profile: { name: 'Acme' } })
      return { actor, customerId: customer.id }
    }

    test('another tenant\'s product is not found, and not listed', async () => {
      const a = await partner()
      const b = await partner()
      const p = await createProduct(app.core, a.actor, { kind: 'main', name: 'Gold', currency: 'gbp', fee: '9.99' })
      assert.equal(p.currency, 'GBP')
      await assert.rejects(getProduct(app.core, b.actor, p.id), { kind: 'not_found' })
      assert.deepEqual(await queryProducts(app.core, b.actor), [])
    })

    test('product fields are checked: currency, fee, add-on rules', async () => {
      const a = await partner()
      await assert.rejects(createProduct(app.core, a.actor, { kind: 'main', name: 'X', currency: 'pounds' }), { field: 'currency' })
      await assert.rejects(createProduct(app.core, a.actor, { kind: 'main', name: 'X', currency: 'GBP', fee: '-1' }), { field: 'fee' })
      const main = await createProduct(app.core, a.actor, { kind: 'main', name: 'M', currency: 'GBP' })
      await assert.rejects(setAllowedAddons(app.core, a.actor, main.id, [main.id]), { field: 'addonIds' })
    })

    test('a DID account takes a number of the inventory, once', async () => {
      const a = await partner()
      await assert.rejects(createServiceAccount(app.core, a.actor, { customerId: a.customerId, kind: 'did', login: '99999999999' }), { field: 'login' })
      const { numbers } = await addNumbers(app.core, a.actor, { region: 'Australia', numberType: '1800', count: 1 })
      const did = await createServiceAccount(app.core, a.actor, { customerId: a.customerId, kind: 'did', login: numbers[0]! })
      assert.deepEqual([did.kind, did.login, did.customerId], ['did', numbers[0], a.customerId])
      await assert.rejects(createServiceAccount(app.core, a.actor, { customerId: a.customerId, kind: 'did', login: numbers[0]! }), { kind: 'conflict' })
    })

    test('an alias draws its product from a master of the same customer', async () => {
      const a = await partner()
      const other = await signUpCustomer(app.core, a.actor, { profile: { name: 'Other' } })
      const gold = await createProduct(app.core, a.actor, { kind: 'main', name: 'Gold', currency: 'GBP' })
      const master = await createServiceAccount(app.core, a.actor, { customerId: a.customerId, kind: 'sip', login: `m${Date.now()}`, productId: gold.id })
      await assert.rejects(createServiceAccount(app.core, a.actor, { customerId: other.customer.id, kind: 'alias', login: `x${Date.now()}`, masterAccountId: master.id }), { field: 'masterAccountId' })
      const alias = await createServiceAccount(app.core, a.actor, { customerId: a.customerId, kind: 'alias', login: `a${Date.now()}`, masterAccountId: master.id })
      assert.deepEqual([alias.kind, alias.masterAccountId, alias.product?.id, alias.billingModel], ['alias', master.id, gold.id, 'alias'])
      assert.deepEqual((await queryServiceAccounts(app.core, a.actor, { productIds: [gold.id] })).map((x) => x.id), [master.id, alias.id])
    })

    test('usage keeps the earliest call and the latest one, in any order of recording; add-on periods must end after they start', async () => {
      const a = await partner()
      const addon = await createProduct(app.core, a.actor, { kind: 'addon', name: 'Intl', currency: 'GBP', addonPriority: 3 })
      const acc = await createServiceAccount(app.core, a.actor, { customerId: a.customerId, kind: 'sip', login: `u${Date.now()}` })
      await recordUsage(app.core, a.actor, acc.id, new Date('2024-02-01T00:00:00Z'))
      await recordUsage(app.core, a.actor, acc.id, new Date('2024-01-01T00:00:00Z'))
      await recordUsage(app.core, a.actor, acc.id, new Date('2024-03-01T00:00:00Z'))
      const [read] = await queryServiceAccounts(app.core, a.actor, { accountIds: [acc.id] })
      assert.deepEqual([read!.firstUsageAt?.toISOString(), read!.lastUsageAt?.toISOString()], ['2024-01-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'])
      await assert.rejects(assignAddon(app.core, a.actor, { accountId: acc.id, addonProductId: addon.id, from: new Date('2024-02-01'), to: new Date('2024-01-01') }), { field: 'to' })
    })
  })
}
