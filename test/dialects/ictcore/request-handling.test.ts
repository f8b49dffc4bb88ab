import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const NOT_FOUND = { error: { code: 404, message: 'Not Found' } }

for (const kind of TEST_DATABASES) {
  describe(`ICTCore request handling, spec §1 (${kind})`, () => {
    let app: TestApp
    let auth: Record<string, string>
    let userId: number
    before(async () => {
      app = await startTestApp(kind)
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      userId = admin.id
      auth = { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` }
    })
    after(async () => { await app.stop() })

    const call = (method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: { ...auth, ...headers } })

    test('a final .json suffix is removed before routing, and ?format=json is ignored', async () => {
      const plain = await call('GET', `/api/users/${userId}`)
      const suffixed = await call('GET', `/api/users/${userId}.json`)
      const collection = await call('GET', '/api/users.json?format=json')
      assert.equal(suffixed.statusCode, 200)
      assert.deepEqual(suffixed.json(), plain.json())
      assert.equal(collection.statusCode, 200)
      assert.ok(Array.isArray(collection.json()))
    })

    test('an .xml suffix or ?format=xml answers 501 Not implemented', async () => {
      for (const url of [`/api/users/${userId}.xml`, '/api/users?format=xml']) {
        const res = await call('GET', url)
        assert.equal(res.statusCode, 501)
        assert.deepEqual(res.json(), { error: { code: 501, message: 'Not implemented' } })
      }
    })

    test('POST with X-HTTP-Method-Override or ?method= routes as PUT, PATCH or DELETE', async () => {
      const u = await app.user(null)
      const put = await call('POST', `/api/users/${u.id}`, { first_name: 'Over' }, { 'x-http-method-override': 'put' })
      assert.equal(put.statusCode, 200)
      assert.equal(put.json().first_name, 'Over')
      const patch = await call('POST', `/api/users/${u.id}?method=PATCH`, { last_name: 'Ride' })
      assert.equal(patch.json().last_name, 'Ride')
      const del = await call('POST', `/api/users/${u.id}?method=delete`)
      assert.equal(del.statusCode, 200)
      assert.equal(del.body, 'true')
      assert.equal((await call('GET', `/api/users/${u.id}`)).statusCode, 404)
    })

    test('an override on a non-POST request, or to another method, is ignored', async () => {
      const get = await call('GET', `/api/users/${userId}`, undefined, { 'x-http-method-override': 'DELETE' })
      assert.equal(get.statusCode, 200)
      const bogus = await call('POST', '/api/users?method=GET', {})
      assert.equal(bogus.statusCode, 412, 'routed as POST /users, which needs a username')
      const toMissing = await call('POST', '/api/users', {}, { 'x-http-method-override': 'DELETE' })
      assert.deepEqual(toMissing.json(), NOT_FOUND)
    })

    test('PATCH behaves as PUT', async () => {
      const res = await call('PATCH', `/api/users/${userId}`, { company: 'Patched' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().company, 'Patched')
    })

    test('HEAD is served on reading GET routes without a body, but not on …/delete', async () => {
      const head = await call('HEAD', `/api/users/${userId}`)
      assert.equal(head.statusCode, 200)
      assert.equal(head.body, '')
      const del = await call('HEAD', `/api/users/${userId}/delete`)
      assert.equal(del.statusCode, 404)
      assert.equal((await call('GET', `/api/users/${userId}`)).statusCode, 200, 'the HEAD did not delete')
    })

    test('unknown paths, wrong methods and non-numeric ids answer the 404 envelope, never 405', async () => {
      for (const [m, url] of [['GET', '/api/nothing'], ['DELETE', '/api/users'], ['POST', `/api/users/${userId}`], ['GET', '/api/users/abc'],
        ['GET', '/api/users/0'], ['GET', '/api/Users'], ['GET', '/api'], ['GET', '/api/users//1'], ['PUT', '/api/authenticate']] as const) {
        const res = await call(m, url)
        assert.equal(res.statusCode, 404, `${m} ${url}`)
        assert.deepEqual(res.json(), NOT_FOUND)
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      }
    })

    test('unknown routes answer 404 even without credentials', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/api/nothing' })
      assert.equal(res.statusCode, 404)
    })

    test('one trailing slash is ignored', async () => {
      assert.equal((await call('GET', `/api/users/${userId}/`)).statusCode, 200)
      assert.equal((await call('GET', '/api/users/')).statusCode, 200)
    })

    test('JSON bodies are parsed whatever the Content-Type, except form fields', async () => {
      const asText = await call('POST', '/api/roles', JSON.stringify({ name: 'texty' }), { 'content-type': 'text/plain' })
      assert.equal(asText.statusCode, 200)
      assert.equal(typeof asText.json(), 'number')
      const form = await call('POST', '/api/roles', 'name=formy&description=x', { 'content-type': 'application/x-www-form-urlencoded' })
      assert.equal(form.statusCode, 200)
      const role = await call('GET', `/api/roles/${form.json()}`)
      assert.deepEqual(role.json(), { role_id: form.json(), name: 'formy', description: 'x' })
    })

    test('malformed JSON and a top-level array answer 412 for body', async () => {
      for (const payload of ['{"name":', '[1,2]', '"text"']) {
        const res = await call('POST', '/api/roles', payload, { 'content-type': 'application/json' })
        assert.equal(res.statusCode, 412, payload)
        assert.deepEqual(res.json(), { error: { code: 412, message: 'Data validation failed, for body' } })
      }
    })

    test('a body over 1 MiB answers 413', async () => {
      const res = await call('POST', '/api/roles', JSON.stringify({ name: 'big', description: 'x'.repeat(1024 * 1024) }), { 'content-type': 'application/json' })
      assert.equal(res.statusCode, 413)
      assert.deepEqual(res.json(), { error: { code: 413, message: 'Request entity too large' } })
    })

    test('OPTIONS needs no credentials and answers the CORS preflight', async () => {
      const res = await app.http.inject({ method: 'OPTIONS', url: '/api/users/5', headers: { origin: 'https://ui.example' } })
      assert.equal(res.statusCode, 200)
      assert.equal(res.body, '')
      assert.equal(res.headers['access-control-allow-origin'], 'https://ui.example')
      assert.equal(res.headers['access-control-allow-methods'], 'GET, POST, PUT, PATCH, DELETE, OPTIONS')
      assert.equal(res.headers['access-control-allow-headers'], 'Authorization, Authentication, Content-Type, Accept, X-HTTP-Method-Override')
      assert.equal(res.headers['access-control-max-age'], '86400')
      assert.equal(res.headers.vary, 'Origin')
      const noOrigin = await app.http.inject({ method: 'OPTIONS', url: '/api/anything/at/all' })
      assert.equal(noOrigin.statusCode, 200)
      assert.equal(noOrigin.headers['access-control-allow-origin'], '*')
    })

    test('replies to a request with an Origin carry Allow-Origin and Expose-Headers, errors included', async () => {
      for (const res of [await call('GET', '/api/users', undefined, { origin: 'https://ui.example' }),
        await app.http.inject({ method: 'GET', url: '/api/users', headers: { origin: 'https://ui.example' } })]) {
        assert.equal(res.headers['access-control-allow-origin'], 'https://ui.example')
        assert.equal(res.headers['access-control-expose-headers'], 'Content-Disposition')
      }
      const none = await call('GET', '/api/users')
      assert.equal(none.headers['access-control-allow-origin'], undefined)
    })

    test('every JSON reply, bare values included, is application/json; charset=utf-8 with status 200 on success', async () => {
      const created = await call('POST', '/api/permissions', { name: 'reply_check' }, { accept: 'text/html' })
      assert.equal(created.statusCode, 200)
      assert.equal(created.headers['content-type'], 'application/json; charset=utf-8')
      assert.match(created.body, /^[0-9]+$/)
      const deleted = await call('DELETE', `/api/permissions/${created.json()}`)
      assert.equal(deleted.headers['content-type'], 'application/json; charset=utf-8')
      assert.equal(deleted.body, 'true')
    })

    test('query-string filters validate integers and paging (412 naming the key)', async () => {
      for (const [q, field] of [['user_id=x', 'user_id'], ['limit=0', 'limit'], ['offset=-1', 'offset'], ['active=2', 'active']]) {
        const res = await call('GET', `/api/users?${q}`)
        assert.equal(res.statusCode, 412, q)
        assert.deepEqual(res.json(), { error: { code: 412, message: `Data validation failed, for ${field}` } })
      }
      const unknown = await call('GET', '/api/users?nonsense=1&username=')
      assert.equal(unknown.statusCode, 200)
    })
  })
}
