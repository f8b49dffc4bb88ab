import assert from 'node:assert/strict'
import { sql } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { buildApp, type SwitchboardApp } from '../../../src/app.ts'
import { authenticateApiKey } from '../../../src/core/resellers/index.ts'
import { insertUser } from '../../../src/core/users/index.ts'
import { testConfig, testLogger } from '../../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'
import type { Database } from '../../../src/db/client.ts'

for (const kind of TEST_DATABASES) {
  describe(`native admin API (${kind})`, () => {
    const adminToken = randomBytes(24).toString('base64url')
    let app: SwitchboardApp
    let database: Database
    const bearer = { authorization: `Bearer ${adminToken}` }
    const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` })
    const post = (url: string, payload: unknown, headers: Record<string, string> = bearer) =>
      app.http.inject({ method: 'POST', url, payload: payload as object, headers })

    before(async () => {
      database = await openTestDatabase(kind)
      const config = testConfig()
      app = await buildApp({ config, database, logger: testLogger(), adminToken })
      await insertUser(app.core.db, null, { username: 'root', password: 'root-pass-1', roles: ['admin', 'user'] })
      await insertUser(app.core.db, null, { username: 'plain', password: 'plain-pass-1' })
    })
    after(async () => {
      await app.stop()
      await database.close()
    })

    test('a reseller is created with a usable API key, shown once', async () => {
      const res = await post('/native/resellers', { name: 'Acme', username: 'acme-native' })
      assert.equal(res.statusCode, 201)
      const body = res.json()
      assert.equal(body.username, 'acme-native')
      assert.match(body.apiKey, /^[A-Za-z0-9]{20}$/)
      const r = await authenticateApiKey(app.core, 'porta', body.apiKey)
      assert.equal(r.id, body.id)
    })

    test('API keys are issued, listed without secrets, and revoked', async () => {
      const { id } = (await post('/native/resellers', { name: 'Keys Co' })).json()
      const issued = await post(`/native/resellers/${id}/api-keys`, { label: 'second' })
      assert.equal(issued.statusCode, 201)
      const { id: keyId, apiKey } = issued.json()
      const list = await app.http.inject({ method: 'GET', url: `/native/resellers/${id}/api-keys`, headers: bearer })
      assert.equal(list.statusCode, 200)
      const keys = list.json().keys
      assert.deepEqual(keys.map((k: { label: string }) => k.label), ['initial', 'second'])
      assert.ok(!list.body.includes(apiKey))
      const revoked = await app.http.inject({ method: 'DELETE', url: `/native/resellers/${id}/api-keys/${keyId}`, headers: bearer })
      assert.equal(revoked.statusCode, 204)
      await assert.rejects(authenticateApiKey(app.core, 'porta', apiKey), { kind: 'unauthenticated' })
      const again = await app.http.inject({ method: 'DELETE', url: `/native/resellers/${id}/api-keys/${keyId}`, headers: bearer })
      assert.equal(again.statusCode, 404)
      assert.deepEqual(again.json(), { error: 'API key not found' })
    })

    test('a user is created with the admin role on request, in the platform or a reseller', async () => {
      const { id: resellerId } = (await post('/native/resellers', { name: 'Tenant' })).json()
      const admin = await post('/native/users', { username: 'ops', password: 'ops-pass-1', email: 'ops@example.com', admin: true })
      assert.equal(admin.statusCode, 201)
      assert.ok(Number.isInteger(admin.json().id))
      // The new platform admin may use the native API with Basic.
      const asOps = await app.http.inject({ method: 'GET', url: `/native/resellers/${resellerId}/api-keys`, headers: basic('ops', 'ops-pass-1') })
      assert.equal(asOps.statusCode, 200)
      const member = await post('/native/users', { username: 'member', password: 'member-pass', resellerId })
      assert.equal(member.statusCode, 201)
      const unknown = await post('/native/users', { username: 'lost', password: 'lost-pass-1', resellerId: 999_999 })
      assert.equal(unknown.statusCode, 404)
      assert.deepEqual(unknown.json(), { error: 'Reseller not found' })
    })

    test('bad input answers 400 naming the field, a clash 409 naming it, and nothing is written', async () => {
      const missing = await post('/native/users', { username: 'nopass' })
      assert.equal(missing.statusCode, 400)
      assert.deepEqual(missing.json(), { error: 'password is required', field: 'password' })
      const badEmail = await post('/native/users', { username: 'bademail', password: 'secret-1', email: 'not-an-email' })
      assert.equal(badEmail.statusCode, 400)
      assert.equal(badEmail.json().field, 'email')
      const short = await post('/native/users', { username: 'shorty', password: '123' })
      assert.equal(short.statusCode, 400)
      assert.deepEqual(short.json(), { error: 'password must be 6-128 characters', field: 'password' })
      const longName = await post('/native/resellers', { name: 'Too Long', username: 'x'.repeat(21) })
      assert.equal(longName.statusCode, 400)
      assert.equal(longName.json().field, 'username')
      const notJson = await app.http.inject({ method: 'POST', url: '/native/resellers', payload: '{oops', headers: { ...bearer, 'content-type': 'application/json' } })
      assert.equal(notJson.statusCode, 400)
      assert.equal(typeof notJson.json().error, 'string')
      await post('/native/resellers', { name: 'Dup', username: 'dup-native' })
      const dup = await post('/native/resellers', { name: 'Dup', username: 'dup-native' })
      assert.equal(dup.statusCode, 409)
      assert.deepEqual(dup.json(), { error: 'username already exists', field: 'username' })
      const before = (await app.core.db.execute(sql`select count(*)::int as n from resellers`) as unknown as { rows: { n: number }[] }).rows[0]!.n
      for (const name of ['Nul\u0000Name', 'Bell\u0007', '\u009b[31m']) {
        const control = await post('/native/resellers', { name })
        assert.equal(control.statusCode, 400, `#13 finding 6: ${JSON.stringify(name)} → ${control.body}`)
        assert.equal(control.json().field, 'name')
      }
      assert.equal((await app.core.db.execute(sql`select count(*)::int as n from resellers`) as unknown as { rows: { n: number }[] }).rows[0]!.n, before, 'nothing written')
      const badId = await app.http.inject({ method: 'GET', url: '/native/resellers/abc/api-keys', headers: bearer })
      assert.equal(badId.statusCode, 400)
      assert.equal(badId.json().field, 'id')
    })

    test('a number that is not finite or out of range, in a path, query or body, is 400 naming the field, never 500 (issue 13 point 9)', async () => {
      const cases: [string, string, string, unknown?][] = [
        ['GET', '/native/resellers/1e309/api-keys', 'id'],
        ['GET', '/native/resellers/-Infinity/api-keys', 'id'],
        ['DELETE', '/native/resellers/1/api-keys/Infinity', 'keyId'],
        ['GET', '/native/sandbox/sends?offset=1e300', 'offset'],
        ['GET', '/native/sandbox/sends?campaignId=1e309', 'campaignId'],
        ['PUT', '/native/campaigns/1e309/cpm', 'id', { cpm: 1 }],
      ]
      for (const [method, url, field, body] of cases) {
        const res = await app.http.inject({ method: method as 'GET', url, headers: bearer, ...(body ? { payload: body } : {}) })
        assert.equal(res.statusCode, 400, `${method} ${url}: ${res.body}`)
        assert.equal(res.json().field, field, url)
      }
      const res = await app.http.inject({ method: 'POST', url: '/native/numbers', headers: { ...bearer, 'content-type': 'application/json' }, payload: '{"region":"Australia","numberType":"1300","count":1e309}' })
      assert.equal(res.statusCode, 400, res.body)
    })

    test('a CSV body is read only where a route takes CSV: elsewhere it is an unsupported type (4xx), never a 500 (route fuzz)', async () => {
      const r = await post('/native/resellers', { name: 'CSV Co' })
      const res = await app.http.inject({ method: 'PATCH', url: `/native/resellers/${r.json().id}`, headers: { ...bearer, 'content-type': 'text/csv' }, payload: 'name\nx' })
      assert.equal(res.statusCode, 415, res.body)
      const xml = await app.http.inject({ method: 'PATCH', url: `/native/resellers/${r.json().id}`, headers: { ...bearer, 'content-type': 'application/xml' }, payload: '<x/>' })
      assert.deepEqual(res.json(), xml.json(), 'answered like any other unsupported type')
    })

    test('a body field the route does not know is 400 naming it, and nothing is changed', async () => {
      const r = (await post('/native/resellers', { name: 'Typo Co' })).json() as { id: number; name: string }
      const created = await post('/native/resellers', { name: 'Never Co', nmae: 'x' })
      assert.equal(created.statusCode, 400, created.body)
      assert.deepEqual(created.json(), { error: 'nmae is not a known field', field: 'nmae' })
      const patched = await app.http.inject({ method: 'PATCH', url: `/native/resellers/${r.id}`, headers: bearer, payload: { name: 'Renamed Co', colour: 'red' } })
      assert.deepEqual([patched.statusCode, patched.json()], [400, { error: 'colour is not a known field', field: 'colour' }])
      const after = await app.http.inject({ method: 'GET', url: `/native/resellers/${r.id}`, headers: bearer })
      assert.equal((after.json() as { name: string }).name, 'Typo Co')
      const list = (await app.http.inject({ method: 'GET', url: '/native/resellers?limit=500', headers: bearer })).json() as { items: { name: string }[] }
      assert.ok(list.items.some((x) => x.name === 'Typo Co') && !list.items.some((x) => x.name === 'Never Co'), 'the refused create wrote nothing')
    })

    test('tracking numbers are added to the shared inventory or a reseller\'s, and a bad region names its field', async () => {
      const shared = await post('/native/numbers', { region: 'Australia', numberType: '1300', count: 3 })
      assert.equal(shared.statusCode, 201)
      assert.deepEqual(shared.json(), { added: 3 })
      const { id: resellerId } = (await post('/native/resellers', { name: 'Numbers Co' })).json()
      const own = await post('/native/numbers', { region: 'Australia', numberType: '02', count: 2, resellerId })
      assert.deepEqual(own.json(), { added: 2 })
      const badRegion = await post('/native/numbers', { region: 'Atlantis', numberType: '1300', count: 1 })
      assert.equal(badRegion.statusCode, 400)
      assert.deepEqual(badRegion.json(), { error: 'region is invalid', field: 'region' })
      const badCount = await post('/native/numbers', { region: 'Australia', numberType: '1300', count: 0 })
      assert.equal(badCount.statusCode, 400)
      assert.equal(badCount.json().field, 'count')
      const unknown = await post('/native/numbers', { region: 'Australia', numberType: '1300', count: 1, resellerId: 999_999 })
      assert.equal(unknown.statusCode, 404)
    })

    test('without the admin token or a platform admin login every route answers 401 or 403', async () => {
      for (const headers of [{}, { authorization: 'Bearer wrong' }, basic('root', 'wrong-pass'), { authorization: 'Token x' }]) {
        const res = await post('/native/resellers', { name: 'Nope' }, headers)
        assert.equal(res.statusCode, 401)
        assert.deepEqual(res.json(), { error: 'unauthenticated' })
      }
      const plain = await post('/native/resellers', { name: 'Nope' }, basic('plain', 'plain-pass-1'))
      assert.equal(plain.statusCode, 403)
      assert.deepEqual(plain.json(), { error: 'forbidden' })
      const root = await post('/native/resellers', { name: 'Root Made' }, basic('root', 'root-pass-1'))
      assert.equal(root.statusCode, 201)
    })

    test('unknown routes and methods answer the native 404 envelope', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/native/nothing', headers: bearer })
      assert.equal(res.statusCode, 404)
      assert.deepEqual(res.json(), { error: 'no such route' })
      const method = await app.http.inject({ method: 'PUT', url: '/native/resellers', headers: bearer })
      assert.equal(method.statusCode, 404)
    })

    test('the native routes are documented in the OpenAPI reference', async () => {
      const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json()
      for (const path of ['/native/resellers', '/native/users', '/native/numbers', '/native/resellers/{id}/api-keys']) assert.ok(doc.paths[path], path)
    })
  })
}
