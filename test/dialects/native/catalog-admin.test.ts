import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'

// Issue 16 point 1: the native admin routes of the rest of the catalogue (product groups,
// subscription plans, features, service accounts, add-on assignments, devices, hunt groups), each
// scoped to the caller's reseller: another reseller's administrator gets 404 for every subject.

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

for (const kind of TEST_DATABASES) {
  describe(`native catalogue administration (${kind})`, () => {
    let app: TestApp
    const adminToken = randomBytes(24).toString('base64url')
    const platform = { authorization: `Bearer ${adminToken}` }
    let reseller: { id: number; apiKey: string }
    let admin: { authorization: string }
    let foreign: { authorization: string }
    let customerId: number
    let foreignCustomerId: number
    before(async () => {
      app = await startTestApp(kind, {}, { adminToken })
      reseller = await app.reseller()
      admin = { authorization: basic(...creds(await app.user(reseller.id, { roles: ['admin', 'user'] }))) }
      const other = await app.reseller()
      foreign = { authorization: basic(...creds(await app.user(other.id, { roles: ['admin', 'user'] }))) }
      customerId = (await signUpCustomer(app.core, resellerActor(reseller.id), { profile: { name: 'Acme Ltd' } })).customer.id
      foreignCustomerId = (await signUpCustomer(app.core, resellerActor(other.id), { profile: { name: 'Other Ltd' } })).customer.id
    })
    after(async () => { await app.stop() })
    const creds = (u: { username: string; password: string }): [string, string] => [u.username, u.password]

    const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, body?: unknown) => {
      const res = await app.http.inject({ method, url: `/native${url}`, headers, ...(body === undefined ? {} : { payload: body as object }) })
      return { status: res.statusCode, body: res.json() as Json }
    }
    const ok = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
      const res = await call(method, url, admin, body)
      assert.ok(res.status === 200 || res.status === 201, `${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`)
      return res.body
    }
    const sip = (login = uniqueName('sip'), extra: Json = {}) => ok('POST', '/service-accounts', { customerId, kind: 'sip', login, secret: 'AnnSip-pw73', ...extra })

    test('product groups and subscription plans are created and listed for the caller\'s reseller', async () => {
      const group = await call('POST', '/product-groups', admin, { name: 'Voice' })
      assert.deepEqual([group.status, group.body.resellerId, group.body.name], [201, reseller.id, 'Voice'])
      const plan = await call('POST', '/subscription-plans', admin, { name: 'Monthly', fee: '5.50' })
      assert.deepEqual([plan.status, plan.body.fee], [201, '5.5'])
      assert.ok((await ok('GET', '/product-groups')).items.some((g: Json) => g.id === group.body.id))
      assert.ok((await ok('GET', '/subscription-plans')).items.some((p: Json) => p.id === plan.body.id))
      const product = await ok('POST', '/products', { kind: 'main', name: 'Grouped', currency: 'GBP', groupId: group.body.id, subscriptionId: plan.body.id })
      assert.deepEqual([product.groupId, product.subscriptionId], [group.body.id, plan.body.id])
    })

    test('another reseller\'s lists leave these out, and the platform admin must name the reseller to create', async () => {
      const group = await ok('POST', '/product-groups', { name: 'Mine' })
      assert.ok(!(await call('GET', '/product-groups', foreign)).body.items.some((g: Json) => g.id === group.id))
      const missing = await call('POST', '/subscription-plans', platform, { name: 'P', fee: '1' })
      assert.deepEqual([missing.status, missing.body.field], [400, 'resellerId'])
      const named = await call('POST', '/subscription-plans', platform, { resellerId: reseller.id, name: 'P', fee: '1' })
      assert.deepEqual([named.status, named.body.resellerId], [201, reseller.id])
    })

    test('bad catalogue bodies are 400 naming the field', async () => {
      assert.deepEqual((await call('POST', '/subscription-plans', admin, { name: 'P', fee: 'cheap' })).body.field, 'fee')
      assert.deepEqual((await call('POST', '/product-groups', admin, { name: '' })).body.field, 'name')
      const product = await ok('POST', '/products', { kind: 'main', name: 'F', currency: 'GBP' })
      const badAttr = await call('PUT', `/products/${product.id}/features/voice_mail`, admin, { enabled: true, attributes: { colour: ['red'] } })
      assert.deepEqual([badAttr.status, badAttr.body.field], [400, 'attributes'])
      const badName = await call('PUT', `/products/${product.id}/features/teleport`, admin, { enabled: true })
      assert.deepEqual([badName.status, badName.body.field], [400, 'name'])
    })

    test('a product\'s features are set and listed; an account feature overrides it in the effective view', async () => {
      const product = await ok('POST', '/products', { kind: 'main', name: 'Featured', currency: 'GBP' })
      const set = await ok('PUT', `/products/${product.id}/features/call_forwarding`, { enabled: true, attributes: { forward_to: ['441632960001'] } })
      assert.deepEqual(set, { productId: product.id, features: [{ name: 'call_forwarding', enabled: true, attributes: { forward_to: ['441632960001'] } }] })
      assert.deepEqual((await ok('GET', `/products/${product.id}/features`)).features.length, 1)
      const account = await sip(undefined, { productId: product.id })
      const own = await ok('PUT', `/service-accounts/${account.id}/features/call_forwarding`, { enabled: true, attributes: { forward_to: ['441632960002'] } })
      assert.deepEqual(own.effective, [{ name: 'call_forwarding', enabled: true, attributes: [{ name: 'forward_to', id: 1, values: ['441632960002'] }] }])
      assert.deepEqual((await ok('GET', `/service-accounts/${account.id}/features`)).own.map((f: Json) => f.name), ['call_forwarding'])
    })

    test('a SIP account is created with its product and billing, changed, blocked, unblocked and closed', async () => {
      const product = await ok('POST', '/products', { kind: 'main', name: 'Gold', currency: 'GBP' })
      const plan = await ok('POST', '/subscription-plans', { name: 'Monthly', fee: '3' })
      const a = await sip(undefined, { productId: product.id, billingModel: 'postpaid', currency: 'gbp', balance: '12.50', creditLimit: '100', extensionNumber: '201' })
      assert.deepEqual([a.kind, a.customerId, a.productId, a.billingModel, a.currency, a.balance, a.creditLimit, a.extensionNumber, a.blocked],
        ['sip', customerId, product.id, 'postpaid', 'GBP', '12.5', '100', '201', false])
      assert.ok(!('secret' in a))
      const changed = await ok('PATCH', `/service-accounts/${a.id}`, { billingModel: 'prepaid', balance: '-3', subscription: { planId: plan.id, from: '2026-12-01T00:00:00Z' } })
      assert.deepEqual([changed.billingModel, changed.balance, changed.subscription.planId, changed.subscription.from], ['prepaid', '-3', plan.id, '2026-12-01T00:00:00.000Z'])
      assert.equal((await ok('POST', `/service-accounts/${a.id}/block`)).blocked, true)
      assert.equal((await ok('POST', `/service-accounts/${a.id}/unblock`)).blocked, false)
      const closed = await ok('POST', `/service-accounts/${a.id}/close`)
      assert.deepEqual([closed.blocked, typeof closed.closedAt], [true, 'string'])
      const unblock = await call('POST', `/service-accounts/${a.id}/unblock`, admin)
      assert.deepEqual([unblock.status, unblock.body.field], [400, 'id'])
      assert.ok(!(await ok('GET', `/service-accounts?customerId=${customerId}`)).items.some((x: Json) => x.id === a.id))
      assert.ok((await ok('GET', `/service-accounts?customerId=${customerId}&includeClosed=true`)).items.some((x: Json) => x.id === a.id))
      assert.equal((await ok('GET', `/service-accounts/${a.id}`)).closedAt, closed.closedAt)
    })

    test('a DID account takes a free number of the inventory; an alias draws on its master; a voucher is ReChargeVoucher', async () => {
      await ok('POST', '/numbers', { region: 'Australia', numberType: '1300', count: 1 })
      const number = (await ok('GET', '/numbers?state=free')).items[0].number as string
      const did = await ok('POST', '/service-accounts', { customerId, kind: 'did', login: number })
      assert.deepEqual([did.kind, did.login], ['did', number])
      const again = await call('POST', '/service-accounts', admin, { customerId, kind: 'did', login: number })
      assert.deepEqual([again.status, again.body.field], [409, 'login'])
      const notStock = await call('POST', '/service-accounts', admin, { customerId, kind: 'did', login: '999000111' })
      assert.deepEqual([notStock.status, notStock.body.field], [400, 'login'])
      const master = await sip()
      const alias = await ok('POST', '/service-accounts', { customerId, kind: 'alias', login: uniqueName('al'), masterAccountId: master.id })
      assert.deepEqual([alias.kind, alias.masterAccountId, alias.billingModel], ['alias', master.id, 'alias'])
      const noMaster = await call('POST', '/service-accounts', admin, { customerId, kind: 'alias', login: uniqueName('al') })
      assert.deepEqual([noMaster.status, noMaster.body.field], [400, 'masterAccountId'])
      const voucher = await ok('POST', '/service-accounts', { customerId, kind: 'voucher', login: uniqueName('v'), balance: '20' })
      assert.deepEqual([voucher.kind, voucher.billingModel, voucher.balance], ['voucher', 'voucher', '20'])
    })

    test('bad service-account bodies are 400 naming the field', async () => {
      const cases: [Json, string][] = [
        [{ customerId, kind: 'fax', login: 'x' }, 'kind'],
        [{ customerId, kind: 'sip' }, 'login'],
        [{ customerId, kind: 'sip', login: 'x', billingModel: 'free' }, 'billingModel'],
        [{ customerId, kind: 'sip', login: 'x', balance: 'lots' }, 'balance'],
        [{ customerId, kind: 'sip', login: 'x', extensionNumber: 'ext' }, 'extensionNumber'],
      ]
      for (const [body, field] of cases) {
        const res = await call('POST', '/service-accounts', admin, body)
        assert.deepEqual([res.status, res.body.field], [400, field], JSON.stringify(body))
      }
      const a = await sip()
      const badPlan = await call('PATCH', `/service-accounts/${a.id}`, admin, { subscription: { planId: 1, from: 'yesterday' } })
      assert.deepEqual([badPlan.status, badPlan.body.field], [400, 'subscription.from'])
      const badDevice = await call('PUT', `/service-accounts/${a.id}/device`, admin, { modelId: 0 })
      assert.deepEqual([badDevice.status, badDevice.body.field], [400, 'modelId'])
    })

    test('add-ons are attached for a period and listed; a main product is refused as an add-on', async () => {
      const intl = await ok('POST', '/products', { kind: 'addon', name: 'Intl', currency: 'GBP', addonPriority: 1 })
      const main = await ok('POST', '/products', { kind: 'main', name: 'Main', currency: 'GBP' })
      const a = await sip()
      const g = await call('POST', `/service-accounts/${a.id}/addons`, admin, { addonProductId: intl.id, from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' })
      assert.deepEqual([g.status, g.body.addonProductId, g.body.from, g.body.to], [201, intl.id, '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'])
      assert.deepEqual((await ok('GET', `/service-accounts/${a.id}/addons`)).items.map((x: Json) => x.id), [g.body.id])
      const ended = await ok('PATCH', `/service-accounts/${a.id}/addons/${g.body.id}`, { to: '2026-06-01T00:00:00Z' })
      assert.equal(ended.to, '2026-06-01T00:00:00.000Z')
      assert.equal((await ok('PATCH', `/service-accounts/${a.id}/addons/${g.body.id}`, { to: null })).to, null)
      const early = await call('PATCH', `/service-accounts/${a.id}/addons/${g.body.id}`, admin, { to: '2025-01-01T00:00:00Z' })
      assert.deepEqual([early.status, early.body.field], [400, 'to'])
      assert.equal((await call('PATCH', `/service-accounts/${a.id}/addons/999999`, admin, { to: null })).status, 404)
      const bad = await call('POST', `/service-accounts/${a.id}/addons`, admin, { addonProductId: main.id })
      assert.deepEqual([bad.status, bad.body.field], [400, 'addonProductId'])
      const backwards = await call('POST', `/service-accounts/${a.id}/addons`, admin, { addonProductId: intl.id, from: '2027-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })
      assert.deepEqual([backwards.status, backwards.body.field], [400, 'to'])
    })

    test('a device of a model is provisioned for an account, replacing the previous one', async () => {
      const a = await sip()
      const first = await ok('PUT', `/service-accounts/${a.id}/device`, { modelId: 3, mac: '00:15:65:aa:bb:cc' })
      const second = await ok('PUT', `/service-accounts/${a.id}/device`, { modelId: 4 })
      assert.equal(first.device.modelId, 3)
      assert.equal(second.device.modelId, 4)
      assert.notEqual(second.device.id, first.device.id)
    })

    test('a hunt group is created, its settings changed, members added in hunt order and removed', async () => {
      const a1 = await sip(undefined, { extensionNumber: '201' })
      const a2 = await sip(undefined, { extensionNumber: '202' })
      const g = await call('POST', '/hunt-groups', admin, { customerId, name: 'Sales', number: '300', sequence: 'Simultaneous', pickupAllowed: true })
      assert.deepEqual([g.status, g.body.sequence, g.body.pickupAllowed, g.body.members], [201, 'Simultaneous', true, []])
      await ok('POST', `/hunt-groups/${g.body.id}/members`, { accountId: a1.id, timeoutSeconds: 20, primaryGroup: true })
      const two = await ok('POST', `/hunt-groups/${g.body.id}/members`, { accountId: a2.id, delaySeconds: 5 })
      assert.deepEqual(two.members.map((m: Json) => [m.accountId, m.huntOrder, m.extensionNumber]), [[a1.id, 1, '201'], [a2.id, 2, '202']])
      const dup = await call('POST', `/hunt-groups/${g.body.id}/members`, admin, { accountId: a1.id })
      assert.deepEqual([dup.status, dup.body.field], [409, 'accountId'])
      const changed = await ok('PATCH', `/hunt-groups/${g.body.id}`, { sequence: 'Least Used', active: false, name: 'Sales UK' })
      assert.deepEqual([changed.sequence, changed.active, changed.name], ['Least Used', false, 'Sales UK'])
      const removed = await ok('DELETE', `/hunt-groups/${g.body.id}/members/${two.members[0].id}`)
      assert.deepEqual(removed.members.map((m: Json) => [m.accountId, m.huntOrder]), [[a2.id, 1]])
      assert.equal((await ok('GET', `/hunt-groups/${g.body.id}`)).members.length, 1)
      assert.ok((await ok('GET', `/hunt-groups?customerId=${customerId}`)).items.some((x: Json) => x.id === g.body.id))
      const bad = await call('PATCH', `/hunt-groups/${g.body.id}`, admin, { sequence: 'Sideways' })
      assert.deepEqual([bad.status, bad.body.field], [400, 'sequence'])
      const foreignMember = await call('POST', '/service-accounts', foreign, { customerId: foreignCustomerId, kind: 'sip', login: uniqueName('f') })
      const notHers = await call('POST', `/hunt-groups/${g.body.id}/members`, platform, { accountId: foreignMember.body.id })
      assert.deepEqual([notHers.status, notHers.body.field], [404, undefined])
    })

    test('every subject of another reseller is not found (404) for a reseller\'s administrator', async () => {
      const product = await ok('POST', '/products', { kind: 'main', name: 'P', currency: 'GBP' })
      const addon = await ok('POST', '/products', { kind: 'addon', name: 'A', currency: 'GBP' })
      const a = await sip()
      const g = await ok('POST', '/hunt-groups', { customerId, name: 'G', number: '301' })
      const m = await ok('POST', `/hunt-groups/${g.id}/members`, { accountId: a.id })
      const g2 = await ok('POST', `/service-accounts/${a.id}/addons`, { addonProductId: addon.id })
      const requests: [string, string, unknown?][] = [
        ['GET', `/products/${product.id}/features`], ['PUT', `/products/${product.id}/features/clir`, { enabled: true }],
        ['GET', `/service-accounts?customerId=${customerId}`],
        ['POST', '/service-accounts', { customerId, kind: 'sip', login: uniqueName('x') }],
        ['GET', `/service-accounts/${a.id}`], ['PATCH', `/service-accounts/${a.id}`, { balance: '1' }],
        ['POST', `/service-accounts/${a.id}/block`], ['POST', `/service-accounts/${a.id}/unblock`], ['POST', `/service-accounts/${a.id}/close`],
        ['GET', `/service-accounts/${a.id}/features`], ['PUT', `/service-accounts/${a.id}/features/clir`, { enabled: true }],
        ['GET', `/service-accounts/${a.id}/addons`], ['POST', `/service-accounts/${a.id}/addons`, { addonProductId: addon.id }],
        ['PATCH', `/service-accounts/${a.id}/addons/${g2.id}`, { to: null }],
        ['PUT', `/service-accounts/${a.id}/device`, { modelId: 1 }],
        ['GET', `/hunt-groups?customerId=${customerId}`], ['POST', '/hunt-groups', { customerId, name: 'X', number: '1' }],
        ['GET', `/hunt-groups/${g.id}`], ['PATCH', `/hunt-groups/${g.id}`, { active: false }],
        ['POST', `/hunt-groups/${g.id}/members`, { accountId: a.id }], ['DELETE', `/hunt-groups/${g.id}/members/${m.members[0].id}`],
        ['GET', `/product-groups?resellerId=${reseller.id}`], ['POST', '/product-groups', { resellerId: reseller.id, name: 'X' }],
        ['GET', `/subscription-plans?resellerId=${reseller.id}`], ['POST', '/subscription-plans', { resellerId: reseller.id, name: 'X', fee: '1' }],
      ]
      for (const [method, url, body] of requests) {
        const res = await call(method as 'GET', url, foreign, body)
        assert.equal(res.status, 404, `${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`)
      }
      // Nothing changed: the account is still open and unblocked, the group active with its member.
      const still = await ok('GET', `/service-accounts/${a.id}`)
      assert.deepEqual([still.blocked, still.closedAt, still.balance], [false, null, '0'])
      assert.deepEqual([(await ok('GET', `/hunt-groups/${g.id}`)).active, (await ok('GET', `/hunt-groups/${g.id}`)).members.length], [true, 1])
    })
  })
}
