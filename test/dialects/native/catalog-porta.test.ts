import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { porta } from '../../helpers/wire.ts'

// design.md "One model, five dialects" (issue 16): what an operator makes through the native admin
// API — products with a group and a plan, features, accounts of every kind, add-ons, a device, a
// hunt group — is what Porta's routes show, field for field (spec/porta.md §10).

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
const jsonDate = (iso: string) => `/Date(${Date.parse(iso)}-0000)/`

for (const kind of TEST_DATABASES) {
  describe(`Porta reads the catalogue made through the native API (${kind})`, () => {
    let app: TestApp
    const adminToken = randomBytes(24).toString('base64url')
    const platform = { authorization: `Bearer ${adminToken}` }
    let reseller: { id: number; apiKey: string }
    let customerId: number
    const ids: Json = {}
    before(async () => {
      app = await startTestApp(kind, {}, { adminToken })
      reseller = await app.reseller()
      customerId = (await signUpCustomer(app.core, resellerActor(reseller.id), { profile: { name: 'Acme Ltd' } })).customer.id
      // Everything below as the platform admin, which names the reseller or acts on the subject's tenant.
      const ok = async (method: 'POST' | 'PUT' | 'PATCH' | 'GET', url: string, body?: unknown) => {
        const res = await app.http.inject({ method, url: `/native${url}`, headers: platform, ...(body === undefined ? {} : { payload: body as object }) })
        assert.ok(res.statusCode < 300, `${method} ${url} → ${res.statusCode} ${res.body}`)
        return res.json() as Json
      }
      const r = reseller.id
      ids.group = (await ok('POST', '/product-groups', { resellerId: r, name: 'Voice' })).id
      ids.plan = (await ok('POST', '/subscription-plans', { resellerId: r, name: 'Monthly', fee: '5.5' })).id
      ids.gold = (await ok('POST', '/products', { resellerId: r, kind: 'main', name: 'Gold', currency: 'GBP', fee: '9.99', groupId: ids.group, subscriptionId: ids.plan })).id
      ids.intl = (await ok('POST', '/products', { resellerId: r, kind: 'addon', name: 'Intl', currency: 'GBP', fee: '2', addonPriority: 1, groupId: ids.group })).id
      await ok('PUT', `/products/${ids.gold}/addons`, { addonIds: [ids.intl] })
      await ok('PUT', `/products/${ids.gold}/features/voice_mail`, { enabled: true, attributes: { email: ['vm@example.com'] } })
      await ok('PUT', `/products/${ids.intl}/features/call_forwarding`, { enabled: true, attributes: { forward_to: ['441632960001'] } })
      ids.sip = (await ok('POST', '/service-accounts', {
        customerId, kind: 'sip', login: 'ann.sip', secret: 'AnnSip-pw73', firstName: 'Ann', lastName: 'Lee', productId: ids.gold,
        billingModel: 'postpaid', currency: 'GBP', balance: '12.5', creditLimit: '100', extensionNumber: '201', extensionName: 'Ann',
      })).id
      await ok('PATCH', `/service-accounts/${ids.sip}`, { subscription: { planId: ids.plan, from: '2026-11-01T00:00:00Z' } })
      await ok('PUT', `/service-accounts/${ids.sip}/features/clir`, { enabled: true })
      ids.assignment = (await ok('POST', `/service-accounts/${ids.sip}/addons`, { addonProductId: ids.intl, from: '2026-01-01T00:00:00Z' })).id
      ids.device = (await ok('PUT', `/service-accounts/${ids.sip}/device`, { modelId: 7 })).device.id
      await ok('POST', '/numbers', { resellerId: r, region: 'Australia', numberType: '1300', count: 1 })
      ids.number = (await ok('GET', `/numbers?state=free&resellerId=${r}`)).items[0].number
      ids.did = (await ok('POST', '/service-accounts', { customerId, kind: 'did', login: ids.number, productId: ids.gold })).id
      ids.alias = (await ok('POST', '/service-accounts', { customerId, kind: 'alias', login: 'ann.alias', masterAccountId: ids.sip })).id
      ids.voucher = (await ok('POST', '/service-accounts', { customerId, kind: 'voucher', login: 'v-100', balance: '20' })).id
      ids.blocked = (await ok('POST', '/service-accounts', { customerId, kind: 'sip', login: 'bob.sip', productId: ids.gold })).id
      await ok('POST', `/service-accounts/${ids.blocked}/block`)
      ids.closed = (await ok('POST', '/service-accounts', { customerId, kind: 'sip', login: 'gone.sip', productId: ids.gold })).id
      await ok('POST', `/service-accounts/${ids.closed}/close`)
      ids.hunt = (await ok('POST', '/hunt-groups', { customerId, name: 'Sales', number: '300', sequence: 'Simultaneous', pickupAllowed: true })).id
      ids.member = (await ok('POST', `/hunt-groups/${ids.hunt}/members`, { accountId: ids.sip, timeoutSeconds: 20, delaySeconds: 5, primaryGroup: true })).members[0].id
    })
    after(async () => { await app.stop() })

    test('GetProducts shows the products with their group and fee; GetProductAddons the add-on the product allows', async () => {
      const products = (await porta(app.http, `/GetProducts/${reseller.apiKey}/GBP`)).body.PortaProducts as Json[]
      assert.deepEqual(products.map((p) => [p.IProduct, p.Name, p.MaintanenceFee, p.IProductGroup]), [[ids.gold, 'Gold', 9.99, ids.group]])
      const addons = (await porta(app.http, `/GetProductAddons/${reseller.apiKey}/${ids.gold}`)).body.PortaProducts as Json[]
      assert.deepEqual(addons.map((p) => [p.IProduct, p.addon_priority, p.IProductGroup]), [[ids.intl, 1, ids.group]])
    })

    test('GetAccountInfoByIAccount shows the account\'s product, billing, effective features, extension, device and hunt group as made', async () => {
      const res = await porta(app.http, `/GetAccountInfoByIAccount/${reseller.apiKey}/${ids.sip}`)
      assert.equal(res.status, 200, JSON.stringify(res.body))
      const a = res.body.AccountInfo as Json
      assert.deepEqual([a.AccountId, a.Type, a.ICustomer, a.IProduct, a.ProductName, a.BillingModel, a.ISO4217, a.Balance, a.CreditLimit, a.availableBalance, a.Blocked],
        ['ann.sip', 'SIP', customerId, ids.gold, 'Gold', 'Credit', 'GBP', 12.5, 100, 87.5, false])
      // voice_mail from the product, call_forwarding from the current add-on, clir from the account.
      assert.deepEqual([a.UMEnabled, a.redirect_number, a.hideCLI], ['Y', '441632960001', true])
      // The SIP secret set natively is the device credential Porta hands back (spec/porta.md §10).
      assert.deepEqual([a.SIPPassword, a.VoipPassword], ['AnnSip-pw73', 'AnnSip-pw73'])
      assert.deepEqual((a.ServiceFeatures as Json[]).map((f) => [f.ServiceFeatureName, f.ServiceAttributeName ?? null, f.ServiceAttributeValue]), [
        ['call_forwarding', null, 'Y'], ['clir', null, 'Y'], ['voice_mail', null, 'Y'], ['call_forwarding', 'forward_to', '441632960001'], ['voice_mail', 'email', 'vm@example.com'],
      ])
      assert.deepEqual([a.ExtensionNumber, a.i_c_ext, a.i_ua, a.i_ua_type], ['201', ids.sip, ids.device, 7])
      assert.deepEqual((a.ActiveAddons as Json[]).map((g) => [g.IAccountProductAddOn, g.IAddonProduct]), [[ids.assignment, ids.intl]])
      assert.equal(a.i_c_group, ids.hunt)
      const [h] = a.HGInfo as Json[]
      assert.deepEqual([h.i_c_group, h.name, h.id, h.hunt_sequence, h.pickup_allowed, h.fullname], [ids.hunt, 'Sales', '300', 'Simultaneous', 'Y', 'Sales (300)'])
      assert.deepEqual((h.assigned_extensions as Json[]).map((m) => [m.i_cg_ext, m.IAccount, m.id, m.hunt_order, m.hunt_delay, m.hunt_expire, m.primary_group]),
        [[ids.member, ids.sip, '201', 1, 5, 20, 'Y']])
    })

    test('a DID, an alias, a voucher and a blocked account read with their kind and billing; a closed one is gone', async () => {
      const info = async (id: number) => (await porta(app.http, `/GetAccountInfoByIAccount/${reseller.apiKey}/${id}`)).body.AccountInfo as Json
      const did = await info(ids.did)
      assert.deepEqual([did.Type, did.AccountId, did.BillingModel], ['DID', ids.number, 'Debit'])
      const alias = await info(ids.alias)
      assert.deepEqual([alias.Type, alias.IMasterAccount, alias.IProduct, alias.BillingModel, alias.availableBalance], ['Alias', ids.sip, ids.gold, 'Alias', 0])
      const voucher = await info(ids.voucher)
      assert.deepEqual([voucher.Type, voucher.BillingModel, voucher.Balance, voucher.availableBalance], ['Voucher', 'ReChargeVoucher', 20, 20])
      assert.deepEqual([(await info(ids.blocked)).Blocked, (await info(ids.blocked)).Blockedfield], [true, 'Y'])
      assert.equal((await porta(app.http, `/GetAccountInfoByIAccount/${reseller.apiKey}/${ids.closed}`)).status, 404)
      const dids = (await porta(app.http, `/GetDIDAccounts/${reseller.apiKey}/${customerId}/0/true`)).body.Accounts as Json[]
      assert.deepEqual(dids.map((x) => x.IAccount), [ids.did])
    })

    test('GetPurchasedProductAddons shows the assignment\'s period and the subscription instance\'s', async () => {
      const rows = (await porta(app.http, `/GetPurchasedProductAddons/${reseller.apiKey}/${ids.sip}`)).body.ProductAddonsInfo as Json[]
      assert.deepEqual(rows.map((g) => [g.IAccountProductAddOn, g.IAddonProduct, g.effective_from_ProductAddon, g.effective_from, g.Product_Group_Name]),
        [[ids.assignment, ids.intl, jsonDate('2026-01-01T00:00:00Z'), jsonDate('2026-11-01T00:00:00Z'), 'Voice']])
    })
  })
}
