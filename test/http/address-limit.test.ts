import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pino from 'pino'
import { buildApp } from '../../src/app.ts'
import { openDatabase } from '../../src/db/client.ts'
import { startTestApp, testConfig, type TestApp } from '../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'

// Issue 13 finding 3: requests per client address, counted through @fastify/rate-limit's store on the database.

const LIMITS = { ...testConfig().limits, addressMaxRequestsPerMinute: 5 }

for (const kind of TEST_DATABASES) {
  describe(`the per-address request limit (${kind}, issue 13 finding 3)`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind, { limits: LIMITS }) })
    after(async () => { await app.stop() })

    test('an address over its requests per minute is answered 429 in the dialect envelope with Retry-After; others are served', async () => {
      const get = (remoteAddress: string) => app.http.inject({ method: 'GET', url: '/api/users', remoteAddress })
      for (let i = 0; i < 5; i++) assert.equal((await get('198.51.100.20')).statusCode, 401)
      const limited = await get('198.51.100.20')
      assert.equal(limited.statusCode, 429)
      assert.match(limited.json().error.message, /^Too many attempts; try again in [0-9]+ seconds$/)
      assert.ok(Number(limited.headers['retry-after']) >= 1 && Number(limited.headers['retry-after']) <= 60)
      assert.equal(limited.headers['x-ratelimit-limit'], undefined, 'no rate headers')
      assert.equal((await get('198.51.100.21')).statusCode, 401)
    })

    test('each dialect answers the request limit in its own envelope', async () => {
      const address = '198.51.100.30'
      for (let i = 0; i < 5; i++) await app.http.inject({ method: 'GET', url: '/healthz', remoteAddress: address })
      for (let i = 0; i < 5; i++) await app.http.inject({ method: 'GET', url: '/api/users', remoteAddress: address })
      const at = (url: string, headers: Record<string, string> = {}) => app.http.inject({ method: 'GET', url, headers, remoteAddress: address })
      assert.equal((await at('/porta/GetAccounts/x/1')).json().ResponseStatus.ErrorCode, 'TooManyRequests')
      assert.equal((await at('/delacon/rest/config/getnumbertypes/AU', { auth: 'x' })).json().RESULT, 'LOGIN_FAILED')
      assert.equal((await at('/packetera/cbc_APIs.aspx?TransactionType=1303')).body.includes('ErrorCode=1011'), true)
      assert.match((await at('/resellerclub/api/customers/search.json')).json().message, /^Too many attempts/)
      assert.equal((await at('/native/resellers')).statusCode, 429)
      assert.equal((await at('/nowhere')).statusCode, 429)
    })

    test('health and metrics are never limited', async () => {
      const address = '198.51.100.40'
      for (let i = 0; i < 8; i++) assert.equal((await app.http.inject({ method: 'GET', url: '/healthz', remoteAddress: address })).statusCode, 200)
      for (let i = 0; i < 8; i++) assert.equal((await app.http.inject({ method: 'GET', url: '/metrics', remoteAddress: address })).statusCode, 200)
    })

    test("gateway peers' signed callbacks (Kannel DLR and MO, fax webhooks and media) are never limited", async () => {
      const address = '198.51.100.45'
      // Unsigned: refused by the entry point itself (403/404), never 429 however many arrive.
      for (let i = 0; i < 8; i++) {
        for (const url of ['/native/gateways/1/kannel/dlr?x=1', '/native/gateways/1/kannel/mo?x=1', '/native/fax-media/AAAAAAAAAAAAAAAAAAAA']) {
          assert.notEqual((await app.http.inject({ method: 'GET', url, remoteAddress: address })).statusCode, 429, url)
        }
        assert.notEqual((await app.http.inject({ method: 'POST', url: '/native/gateways/1/fax/events', payload: '{}', headers: { 'content-type': 'application/json' }, remoteAddress: address })).statusCode, 429)
      }
      assert.equal((await app.http.inject({ method: 'GET', url: '/native/resellers', remoteAddress: address })).statusCode, 401)
    })
  })

  describe(`request counts are shared by processes on one database (${kind}, issue 13 finding 3)`, () => {
    test('requests through one server count against the address in the other', async () => {
      const database = await openTestDatabase(kind)
      const second = kind === 'postgres' ? await openDatabase({ databaseUrl: database.pool!.options.connectionString!, poolSize: 4 }) : database
      const config = testConfig({ limits: { ...LIMITS, addressMaxRequestsPerMinute: 10 } })
      const a = await buildApp({ config, database, logger: pino({ level: 'silent' }) })
      const b = await buildApp({ config, database: second, logger: pino({ level: 'silent' }) })
      try {
        const get = (app: typeof a) => app.http.inject({ method: 'GET', url: '/api/users', remoteAddress: '198.51.100.50' })
        for (let i = 0; i < 10; i++) assert.equal((await get(a)).statusCode, 401)
        // The other server learns of them within its flush interval (100 ms).
        await until('the other server to refuse the address', async () => (await get(b)).statusCode, (s) => s === 429, { timeoutMs: 5000, intervalMs: 50 })
      } finally {
        await b.stop()
        await a.stop()
        if (second !== database) await second.close()
        await database.close()
      }
    })
  })
}
