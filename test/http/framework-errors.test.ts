import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../helpers/app.ts'

// Errors Fastify raises before routing (a malformed %-escape) are answered in the dialect's envelope
// under its prefix and never echo the URL, which may hold a key (Porta's License is a path segment).
describe('errors raised before routing', () => {
  let app: TestApp
  before(async () => { app = await startTestApp('pglite') })
  after(async () => { await app.stop() })

  test('Porta answers a malformed escape with its SerializationException and no License in the body', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/porta/GetAccounts/SECRETLICENSE123/%ZZ' })
    assert.equal(res.statusCode, 400)
    assert.equal(res.json().ResponseStatus.ErrorCode, 'SerializationException')
    assert.ok(!res.body.includes('SECRETLICENSE123'))
  })

  test('Delacon answers a malformed escape with its Not found envelope', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/delacon/rest/config/getnumbertypes/%ZZ' })
    assert.equal(res.statusCode, 404)
    assert.equal(res.body, '{"RESULT":"FAIL","MESSAGE":"Not found"}')
  })

  test('elsewhere a bare 400 that does not repeat the path', async () => {
    const res = await app.http.inject({ method: 'GET', url: '/nowhere/SECRET/%ZZ' })
    assert.equal(res.statusCode, 400)
    assert.ok(!res.body.includes('SECRET'))
  })
})

describe('errors raised before routing under /api', () => {
  let app: TestApp
  before(async () => { app = await startTestApp('pglite') })
  after(async () => { await app.stop() })

  test('ICTCore answers a malformed escape or an oversized id segment with its 404 envelope', async () => {
    for (const url of ['/api/users/%ZZ', `/api/users/${'9'.repeat(5000)}`]) {
      const res = await app.http.inject({ method: 'GET', url })
      assert.equal(res.statusCode, 404, url.slice(0, 40))
      assert.deepEqual(res.json(), { error: { code: 404, message: 'Not Found' } })
    }
  })
})
