import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, testConfig, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'

// Issue 13 finding 3: failed and refused logins are counted in /metrics, by dialect (and scope).

for (const kind of TEST_DATABASES) {
  describe(`login limits in /metrics (${kind}, issue 13 finding 3)`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind, { limits: { ...testConfig().limits, loginMaxFailures: 2, loginLockBaseSeconds: 30, addressMaxRequestsPerMinute: 8 } }) })
    after(async () => { await app.stop() })

    const metric = async (line: string) => {
      const text = (await app.http.inject({ method: 'GET', url: '/metrics' })).body
      const found = text.split('\n').find((l) => l.startsWith(`${line} `))
      return found ? Number(found.slice(line.length + 1)) : 0
    }

    test('failures, credential refusals and request refusals are counted by dialect', async () => {
      const u = await app.user(null)
      const login = (password: string) => app.http.inject({ method: 'POST', url: '/api/authenticate', remoteAddress: '192.0.2.60', payload: { username: u.username, password } })
      for (let i = 0; i < 2; i++) assert.equal((await login(`wrong-${i}`)).statusCode, 401)
      assert.equal((await login(u.password)).statusCode, 429)
      assert.equal(await metric('switchboard_login_failures_total{dialect="ictcore"}'), 2)
      assert.equal(await metric('switchboard_login_limited_total{dialect="ictcore",scope="credential"}'), 1)
      // The address limit counts per minute: 17 requests are refused at least once even when a minute
      // boundary falls among them, and the counters must match what the client saw.
      let refused = 0
      for (let i = 0; i < 17; i++) if ((await app.http.inject({ method: 'GET', url: '/porta/GetAccounts/x/1', remoteAddress: '192.0.2.61' })).statusCode === 429) refused++
      assert.ok(refused >= 1, 'the address limit refused some requests')
      assert.equal(await metric('switchboard_requests_limited_total{dialect="porta"}'), refused)
      assert.equal(await metric('switchboard_login_failures_total{dialect="porta"}'), 17 - refused)
    })
  })
}
