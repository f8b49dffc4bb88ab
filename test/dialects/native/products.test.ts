import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'

// Native admin routes of the service catalogue (issue 16): products and add-ons a reseller's
// administrator manages for its own tenant, the platform admin for any named reseller; Porta reads them.

for (const kind of TEST_DATABASES) {
  describe(`native products and add-ons (${kind})`, () => {
    let app: TestApp
    const adminToken = randomBytes(24).toString('base64url')
    const platform = { authorization: `Bearer ${adminToken}` }
    let reseller: { id: number; apiKey: string }
    let admin: { authorization: string }
    before(async () => {
      app = await startTestApp(kind, {}, { adminToken })
      reseller = await app.reseller()
      const u = await app.user(reseller.id, { roles: ['admin', 'user'] })
      admin = { authorization: basic(u.username, u.password) }
    })
    after(async () => { await app.stop() })

    const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, body?: unknown) =>
      app.http.inject({ method, url: `/native${url}`, headers, ...(body === undefined ? {} : { payload: body as object }) })

    test('a reseller administrator creates a main product and add-ons, allows them, and Porta lists them', async () => {
      const gold = await call('POST', '/products', admin, { kind: 'main', name: 'Gold', currency: 'gbp', fee: '9.990' })
      assert.equal(gold.statusCode, 201, gold.body)
      assert.deepEqual([gold.json().resellerId, gold.json().currency, gold.json().fee, gold.json().addonPriority], [reseller.id, 'GBP', '9.99', 0])
      const intl = (await call('POST', '/products', admin, { kind: 'addon', name: 'Intl', currency: 'GBP', addonPriority: 2 })).json()
      const allowed = await call('PUT', `/products/${gold.json().id}/addons`, admin, { addonIds: [intl.id, intl.id] })
      assert.deepEqual([allowed.statusCode, allowed.json()], [200, { addonIds: [intl.id] }])
      const list = (await call('GET', '/products?kind=addon', admin)).json()
      assert.deepEqual([list.total, list.items.map((p: { id: number }) => p.id)], [1, [intl.id]])
      const porta = await app.http.inject({ method: 'GET', url: `/porta/GetProductAddons/${reseller.apiKey}/${gold.json().id}` })
      assert.deepEqual(porta.json().PortaProducts.map((p: { IProduct: number; addon_priority: number }) => [p.IProduct, p.addon_priority]), [[intl.id, 2]])
    })

    test('allowing a main product as an add-on, or another reseller\'s product, is refused naming the field', async () => {
      const main = (await call('POST', '/products', admin, { kind: 'main', name: 'M', currency: 'GBP' })).json()
      const bad = await call('PUT', `/products/${main.id}/addons`, admin, { addonIds: [main.id] })
      assert.deepEqual([bad.statusCode, bad.json().field], [400, 'addonIds'])
      const other = await app.reseller()
      const foreign = (await call('POST', '/products', platform, { resellerId: other.id, kind: 'addon', name: 'X', currency: 'GBP' })).json()
      assert.equal(foreign.resellerId, other.id)
      const refused = await call('PUT', `/products/${main.id}/addons`, platform, { addonIds: [foreign.id] })
      assert.equal(refused.statusCode, 404)
      assert.equal((await call('PUT', `/products/${foreign.id}/addons`, admin, { addonIds: [] })).statusCode, 404)
    })

    test('the platform admin must name the reseller; bad bodies are 400 naming the field', async () => {
      const missing = await call('POST', '/products', platform, { kind: 'main', name: 'M', currency: 'GBP' })
      assert.deepEqual([missing.statusCode, missing.json().field], [400, 'resellerId'])
      const badCurrency = await call('POST', '/products', admin, { kind: 'main', name: 'M', currency: 'pounds' })
      assert.equal(badCurrency.statusCode, 400)
    })
  })
}
