import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`system endpoints (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('GET /healthz answers 200 while the database answers', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/healthz' })
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), { status: 'ok' })
    })

    test('every reply carries a request id, and a sane given one is kept', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } })
      assert.equal(res.headers['x-request-id'], 'abc-123')
      const other = await app.http.inject({ method: 'GET', url: '/healthz' })
      assert.match(String(other.headers['x-request-id']), /^[0-9a-f-]{36}$/)
    })

    test('GET /metrics counts requests by dialect, route and status', async () => {
      await app.http.inject({ method: 'GET', url: '/healthz' })
      const res = await app.http.inject({ method: 'GET', url: '/metrics' })
      assert.equal(res.statusCode, 200)
      assert.match(res.body, /switchboard_http_requests_total\{dialect="system",route="\/healthz",status="200"\} \d+/)
      assert.match(res.body, /switchboard_http_request_duration_seconds_bucket/)
    })

    test('each dialect\'s requests are counted under its own name, the rest under system', async () => {
      const urls: [string, string][] = [
        ['ictcore', '/api/users/1'], ['packetera', '/packetera/cbc_APIs.aspx'], ['resellerclub', '/resellerclub/api/customers/details.json'],
        ['porta', '/porta/GetAccounts/x/1'], ['delacon', '/delacon/getnumbertypes/NSW'], ['native', '/native/resellers'], ['system', '/healthz'],
      ]
      for (const [, url] of urls) await app.http.inject({ method: 'GET', url })
      const text = (await app.http.inject({ method: 'GET', url: '/metrics' })).body
      for (const [dialect] of urls) assert.match(text, new RegExp(`^switchboard_http_requests_total\\{dialect="${dialect}",`, 'm'), dialect)
    })

    test('GET / is a page linking the docs, health and metrics', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/' })
      assert.equal(res.statusCode, 200)
      assert.match(String(res.headers['content-type']), /^text\/html/)
      for (const href of ['/docs', '/healthz', '/metrics']) assert.match(res.body, new RegExp(`href="${href}"`))
    })
  })
}
