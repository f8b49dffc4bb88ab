import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { NATIVE_OPERATIONS } from '../../../src/dialects/native/operations.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic, packetera } from '../../helpers/wire.ts'
import { rcClient, signupParams } from '../resellerclub/rc-client.ts'

// Issue 15 points 2-3: the native admin API for what the dialects only read — resellers, customers
// (suspension, receipts, orders), promos, payment gateways, orders and the number inventory — for the
// platform admin and for a reseller's own administrator; collections page with limit/offset and total.

for (const kind of TEST_DATABASES) {
  describe(`native operator API: catalog, customers, orders, inventory (${kind})`, () => {
    let app: TestApp
    const adminToken = randomBytes(24).toString('base64url')
    const platform = { authorization: `Bearer ${adminToken}` }
    let reseller: { id: number; apiKey: string; username: string }
    let admin: { authorization: string }
    before(async () => {
      app = await startTestApp(kind, {}, { adminToken })
      reseller = await app.reseller()
      const u = await app.user(reseller.id, { roles: ['admin', 'user'] })
      admin = { authorization: basic(u.username, u.password) }
    })
    after(async () => { await app.stop() })

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, headers: Record<string, string>, body?: unknown) =>
      app.http.inject({ method, url: `/native${url}`, headers, ...(body === undefined ? {} : { payload: body as object }) })

    test("a reseller's administrator sees and changes its own reseller, and only it", async () => {
      const list = await call('GET', '/resellers', admin)
      assert.equal(list.statusCode, 200)
      assert.deepEqual(list.json().items.map((r: { id: number }) => r.id), [reseller.id])
      assert.equal(list.json().total, 1)
      const renamed = await call('PATCH', `/resellers/${reseller.id}`, admin, { name: 'Renamed Telecom' })
      assert.equal(renamed.json().name, 'Renamed Telecom')
      const disable = await call('PATCH', `/resellers/${reseller.id}`, admin, { enabled: false })
      assert.deepEqual([disable.statusCode, disable.json()], [403, { error: 'forbidden' }])
      const other = await app.reseller()
      assert.deepEqual((await call('GET', `/resellers/${other.id}`, admin)).json(), { error: 'Reseller not found' })
    })

    test('the platform admin pages every reseller with limit, offset and total', async () => {
      for (let i = 0; i < 3; i++) await app.reseller()
      const all = (await call('GET', '/resellers?limit=500', platform)).json()
      const page = (await call('GET', '/resellers?limit=2&offset=1', platform)).json()
      assert.equal(page.total, all.total)
      assert.deepEqual(page.items.map((r: { id: number }) => r.id), all.items.slice(1, 3).map((r: { id: number }) => r.id))
      const bad = await call('GET', '/resellers?limit=0', platform)
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().field, 'limit')
    })

    test('sub-resellers are listed under their parent', async () => {
      const parent = await app.reseller()
      const child = await call('POST', '/resellers', platform, { name: 'Child Co', parentId: parent.id })
      const subs = (await call('GET', `/resellers/${parent.id}/sub-resellers`, platform)).json()
      assert.deepEqual(subs.items.map((r: { id: number }) => r.id), [child.json().id])
      assert.equal(subs.total, 1)
    })

    test('a disabled reseller fails authentication in every dialect at once, and works again when enabled', async () => {
      const r = await app.reseller()
      const rc = rcClient(app, r)
      assert.equal((await rc.get('resellers/promo-details')).statusCode, 200)
      await call('PATCH', `/resellers/${r.id}`, platform, { enabled: false })
      assert.equal((await rc.get('resellers/promo-details')).body, '{"status":"ERROR","message":"Invalid credentials"}')
      await call('PATCH', `/resellers/${r.id}`, platform, { enabled: true })
      assert.equal((await rc.get('resellers/promo-details')).statusCode, 200)
    })

    test('keys: created shown once, listed without secrets, revoked keys fail', async () => {
      const created = await call('POST', `/resellers/${reseller.id}/api-keys`, admin, { label: 'ci' })
      assert.equal(created.statusCode, 201)
      const { id, apiKey } = created.json()
      const listed = await call('GET', `/resellers/${reseller.id}/api-keys`, admin)
      assert.ok(!listed.body.includes(apiKey))
      assert.ok(listed.json().keys.some((k: { id: number; label: string }) => k.id === id && k.label === 'ci'))
      const rc = rcClient(app, { id: reseller.id, apiKey })
      assert.equal((await rc.get('resellers/promo-details')).statusCode, 200)
      assert.equal((await call('DELETE', `/resellers/${reseller.id}/api-keys/${id}`, admin)).statusCode, 204)
      assert.equal((await rc.get('resellers/promo-details')).body, '{"status":"ERROR","message":"Invalid credentials"}')
    })

    test('a suspended customer shows as Suspended, gets no token and cannot log in anywhere; reactivated it can', async () => {
      const rc = rcClient(app, reseller)
      const params = signupParams()
      const id = (await rc.post('customers/signup', params)).body
      const username = String(params.username).toLowerCase()
      const password = String(params.passwd)
      const ictcore = () => app.http.inject({ method: 'GET', url: '/api/contacts', headers: { authorization: basic(username, password) } })
      const member = () => packetera(app.http, { TransactionType: '1303', WebUserName: reseller.username, WebUserPassword: reseller.apiKey, UserEmail: username, UserPassword: password })
      assert.equal((await ictcore()).statusCode, 200)
      const suspended = await call('POST', `/customers/${id}/suspend`, admin)
      assert.equal(suspended.json().status, 'suspended')
      assert.equal((await rc.get('customers/details-by-id', { 'customer-id': id })).json().customerstatus, 'Suspended')
      assert.equal((await rc.get('customers/generate-token', { username, passwd: password, ip: '10.0.0.1' })).body, `{"status":"ERROR","message":"Customer ${id} is suspended"}`)
      assert.equal((await rc.get('customers/generate-login-token', { 'customer-id': id, ip: '10.0.0.1' })).body, `{"status":"ERROR","message":"Customer ${id} is suspended"}`)
      assert.equal((await ictcore()).statusCode, 401)
      assert.equal((await member()).body.ErrorCode, '1002')
      // Other calls work on a suspended customer (spec §4.1).
      assert.equal((await rc.post('customers/change-password', { 'customer-id': id, 'new-passwd': 'stillOk12' })).body, 'true')
      assert.equal((await call('POST', `/customers/${id}/reactivate`, admin)).json().status, 'active')
      assert.equal((await rc.get('customers/generate-token', { username, passwd: 'stillOk12', ip: '10.0.0.1' })).statusCode, 200)
      assert.equal((await app.http.inject({ method: 'GET', url: '/api/contacts', headers: { authorization: basic(username, 'stillOk12') } })).statusCode, 200)
    })

    test('customers are listed by status and search text, with total', async () => {
      const rc = rcClient(app, reseller)
      const id = (await rc.post('customers/signup', signupParams({ name: 'Zebedee Unique' }))).body
      const found = (await call('GET', '/customers?search=zebedee', admin)).json()
      assert.deepEqual(found.items.map((c: { id: number }) => c.id), [Number(id)])
      assert.equal(found.total, 1)
      assert.equal(found.items[0].resellerId, reseller.id)
      const suspended = (await call('GET', '/customers?status=suspended', admin)).json()
      assert.ok(suspended.items.every((c: { status: string }) => c.status === 'suspended'))
    })

    test('promos and gateways: created for the own reseller, changed, refused with the field named, deleted', async () => {
      const promo = await call('POST', '/promos', admin, {
        productKey: 'domcno', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-12-31T00:00:00Z', resellerPriceOne: '1.5', resellerPriceTwo: '2', customerPrice: '3', resellerPrice: '2', actionType: 'addnewdomain',
      })
      assert.equal(promo.statusCode, 201, promo.body)
      assert.deepEqual([promo.json().resellerId, promo.json().resellerPriceOne, promo.json().active, promo.json().period], [reseller.id, '1.5', true, 1])
      const changed = await call('PATCH', `/promos/${promo.json().id}`, admin, { active: false, customerPrice: '4.25' })
      assert.deepEqual([changed.json().active, changed.json().customerPrice], [false, '4.25'])
      const backwards = await call('PATCH', `/promos/${promo.json().id}`, admin, { endsAt: '2025-01-01T00:00:00Z' })
      assert.deepEqual([backwards.statusCode, backwards.json()], [400, { error: 'endsAt must not be before startsAt', field: 'endsAt' }])
      const missing = await call('POST', '/promos', admin, { productKey: 'domcno' })
      assert.equal(missing.statusCode, 400)
      assert.match(missing.json().error, /is required/)
      const unnamed = await call('POST', '/payment-gateways', platform, { gatewayType: 'card', gatewayName: 'Card', postUrl: 'https://p.example.com/', paymentTypes: ['Payment'] })
      assert.deepEqual([unnamed.statusCode, unnamed.json()], [400, { error: 'resellerId is required', field: 'resellerId' }])
      const credentials = await call('POST', '/payment-gateways', admin, { gatewayType: 'card', gatewayName: 'Card', postUrl: 'https://user:pw@p.example.com/', paymentTypes: ['Payment'] })
      assert.deepEqual([credentials.statusCode, credentials.json().field], [400, 'postUrl'])
      const gw = await call('POST', '/payment-gateways', platform, { resellerId: reseller.id, gatewayType: 'card', gatewayName: 'Card', postUrl: 'https://p.example.com/', paymentTypes: ['Payment'] })
      assert.equal(gw.statusCode, 201)
      const listed = (await call('GET', `/payment-gateways?resellerId=${reseller.id}`, platform)).json()
      assert.ok(listed.items.some((g: { id: number }) => g.id === gw.json().id))
      assert.equal((await call('DELETE', `/payment-gateways/${gw.json().id}`, admin)).statusCode, 204)
      assert.equal((await call('GET', `/payment-gateways/${gw.json().id}`, admin)).statusCode, 404)
      assert.equal((await call('DELETE', `/promos/${promo.json().id}`, admin)).statusCode, 204)
    })

    test("orders: placed for a customer, listed under it, suspended; another reseller's customer is refused", async () => {
      const id = Number((await rcClient(app, reseller).post('customers/signup', signupParams())).body)
      const order = await call('POST', '/orders', admin, { customerId: id, productKey: 'domcno' })
      assert.equal(order.statusCode, 201)
      assert.deepEqual([order.json().status, order.json().freeEmail, order.json().resellerId], ['active', false, reseller.id])
      const mine = (await call('GET', `/customers/${id}/orders`, admin)).json()
      assert.deepEqual([mine.items.map((o: { id: number }) => o.id), mine.total], [[order.json().id], 1])
      assert.equal((await call('PATCH', `/orders/${order.json().id}`, admin, { status: 'suspended' })).json().status, 'suspended')
      assert.equal((await call('GET', '/orders?status=suspended', admin)).json().items.some((o: { id: number }) => o.id === order.json().id), true)
      const other = await app.reseller()
      const foreign = Number((await rcClient(app, other).post('customers/signup', signupParams())).body)
      const refused = await call('POST', '/orders', admin, { customerId: foreign, productKey: 'domcno' })
      assert.deepEqual([refused.statusCode, refused.json()], [400, { error: 'customerId names no customer', field: 'customerId' }])
    })

    test('inventory: a reseller adds to its own stock, lists it with filters and total, and removes free numbers only', async () => {
      assert.equal((await call('POST', '/numbers', admin, { region: 'Australia', numberType: '1300', count: 3 })).statusCode, 201)
      const own = (await call('GET', `/numbers?region=AU&numberType=1300&state=free`, admin)).json()
      assert.equal(own.total, 3)
      assert.ok(own.items.every((n: { resellerId: number; number: string }) => n.resellerId === reseller.id && n.number.startsWith('1300')))
      const half = await call('GET', '/numbers?region=Australia', admin)
      assert.deepEqual([half.statusCode, half.json().field], [400, 'numberType'])
      assert.equal((await call('DELETE', `/numbers/${own.items[0].id}`, admin)).statusCode, 204)
      assert.equal((await call('GET', `/numbers?region=AU&numberType=1300&state=free`, admin)).json().total, 2)
      // The shared stock is the platform's: invisible to the reseller, removable by the platform admin.
      await call('POST', '/numbers', platform, { region: 'Australia', numberType: '1800', count: 1 })
      const shared = (await call('GET', '/numbers?region=AU&numberType=1800&state=free', platform)).json().items.find((n: { resellerId: number | null }) => n.resellerId === null)
      assert.equal((await call('DELETE', `/numbers/${shared.id}`, admin)).statusCode, 404)
      assert.equal((await call('DELETE', `/numbers/${shared.id}`, platform)).statusCode, 204)
    })

    test('an allocated number cannot be removed', async () => {
      await call('POST', '/numbers', admin, { region: 'Australia', numberType: '1800', count: 1 })
      const prov = await app.http.inject({
        method: 'POST', url: '/delacon/rest/config/provision', headers: { auth: reseller.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ BusinessName: 'Alloc Co', EmailAddress: 'a@alloc.example.com', TerminationNumber: '+61291234567', region: 'AU', numberType: '1800', numbers: '1', termsCheck: 'on' }).toString(),
      })
      assert.equal(prov.json().RESULT, 'OK', prov.body)
      const allocated = (await call('GET', '/numbers?state=allocated', admin)).json().items[0]
      assert.ok(allocated.customerId)
      assert.deepEqual((await call('DELETE', `/numbers/${allocated.id}`, admin)).json(), { error: 'number is allocated' })
    })

    test("a CSV imported into a user's group by an operator belongs to that user; bad ids and bodies name the field", async () => {
      const owner = await app.user(reseller.id)
      const ownerAuth = { authorization: basic(owner.username, owner.password), 'content-type': 'application/json' }
      const group = (await app.http.inject({ method: 'POST', url: '/api/groups', headers: ownerAuth, payload: { name: 'Imported' } })).json() as number
      const csv = 'phone,first_name\n+61291000201,Ada\nnot-a-phone,Bad\n'
      const res = await app.http.inject({ method: 'POST', url: `/native/groups/${group}/contacts.csv`, headers: { ...admin, 'content-type': 'text/csv' }, payload: csv })
      assert.equal(res.statusCode, 200, res.body)
      const report = res.json() as { errors: { line: number; reason: string }[] }
      assert.deepEqual({ ...report, errors: report.errors.map((e) => [e.line, e.reason]) },
        { groupId: group, recordTotal: 2, contactCreated: 1, errorTotal: 1, errors: [[3, 'phone_invalid']] })
      const contacts = (await app.http.inject({ method: 'GET', url: `/api/groups/${group}/contacts`, headers: ownerAuth })).json() as { phone: string; user_id: number }[]
      assert.deepEqual(contacts.map((c) => [c.phone, c.user_id]), [['+61291000201', owner.id]])
      const badId = await app.http.inject({ method: 'POST', url: '/native/groups/abc/contacts.csv', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv })
      assert.deepEqual([badId.statusCode, badId.json().field], [400, 'id'])
      const json = await call('POST', `/groups/${group}/contacts.csv`, admin, { phone: '+61291000202' })
      assert.deepEqual([json.statusCode, json.json()], [400, { error: 'body must be a text/csv upload', field: 'body' }])
    })

    test('every native route documents its request and its replies in OpenAPI, with the security schemes', async () => {
      const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as {
        paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }>; requestBody?: unknown; parameters?: { in: string }[]; security?: unknown }>>
      }
      for (const op of NATIVE_OPERATIONS.operations) {
        const path = `/native${op.path.replace(/:([A-Za-z]+)/g, '{$1}')}`
        for (const method of op.methods) {
          const o = doc.paths[path]?.[method.toLowerCase()]
          assert.ok(o, `${method} ${path} is documented`)
          const codes = Object.keys(o.responses ?? {})
          assert.ok(codes.some((c) => /^2/.test(c)), `${method} ${path}: a success reply`)
          assert.ok(codes.includes('4XX') || codes.some((c) => /^4/.test(c)), `${method} ${path}: its errors`)
          if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
            const bodyless = ['/native/customers/{id}/suspend', '/native/customers/{id}/reactivate', '/native/jwt/rotate', '/native/delacon/orders/{id}/callback', '/native/delacon/orders/{id}/fail', '/native/demo',
              '/native/service-accounts/{id}/block', '/native/service-accounts/{id}/unblock', '/native/service-accounts/{id}/close']
            if (!bodyless.includes(path)) assert.ok(o.requestBody, `${method} ${path}: its request body`)
          }
        }
      }
    })
  })
}
