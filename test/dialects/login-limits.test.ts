import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { LightMyRequestResponse } from 'fastify'
import { startTestApp, testConfig, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

// Issue 13 finding 3: every dialect's logins are limited per credential and per client address, and
// each answers a refusal in its own envelope with Retry-After. Each test comes from its own address.

const LIMITS = { ...testConfig().limits, loginMaxFailures: 2, loginLockBaseSeconds: 30, loginLockMaxSeconds: 60, addressMaxFailuresPerMinute: 3 }

let lastAddress = 0
const newAddress = () => `203.0.113.${++lastAddress}`

/** What a client sees of an answer, the seconds left in the message put aside (they may tick between two answers). */
function seen(res: LightMyRequestResponse) {
  return { status: res.statusCode, type: res.headers['content-type'], body: res.body.replace(/in [0-9]+ seconds/, 'in N seconds') }
}

function assertRetryAfter(res: LightMyRequestResponse, atMost: number) {
  const s = Number(res.headers['retry-after'])
  assert.ok(Number.isInteger(s) && s >= 1 && s <= atMost, `Retry-After ${res.headers['retry-after']}`)
}

for (const kind of TEST_DATABASES) {
  describe(`every dialect limits logins (${kind}, issue 13 finding 3)`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind, { limits: LIMITS }) })
    after(async () => { await app.stop() })

    test('ICTCore answers a locked login 429 in its error envelope with Retry-After, the right password as a wrong one', async () => {
      const u = await app.user(null)
      const remoteAddress = newAddress()
      const login = (password: string) => app.http.inject({ method: 'POST', url: '/api/authenticate', remoteAddress, payload: { username: u.username, password } })
      for (let i = 0; i < 2; i++) assert.equal((await login(`wrong-${i}`)).statusCode, 401)
      const right = await login(u.password)
      assert.equal(right.statusCode, 429)
      assert.deepEqual(right.json(), { error: { code: 429, message: right.json().error.message } })
      assert.match(right.json().error.message, /^Too many attempts; try again in [0-9]+ seconds$/)
      assertRetryAfter(right, 30)
      assert.deepEqual(seen(right), seen(await login('wrong-again')))
      // Basic on any route is the same credential.
      const basicAuth = await app.http.inject({ method: 'GET', url: '/api/users', remoteAddress, headers: { authorization: basic(u.username, u.password) } })
      assert.equal(basicAuth.statusCode, 429)
    })

    test('Packetera answers a locked member login (1303) with ErrorCode 1011, the right password as a wrong one', async () => {
      const partner = await app.reseller()
      const remoteAddress = newAddress()
      const email = `${uniqueName('m')}@example.com`
      const tx = (fields: Record<string, string>) => app.http.inject({
        method: 'POST', url: '/packetera/cbc_APIs.aspx', remoteAddress, headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ WebUserName: partner.username, WebUserPassword: partner.apiKey, ResponseFormat: 'json', ...fields }).toString(),
      })
      const card = await tx({ TransactionType: '1101', UserEmail: email, UserPassword: 'secret-pw', FirstName: 'Grace', LastName: 'Hopper', PhoneNumber: '987-654-3210', Corporate: 'No' })
      assert.equal(card.json().Status, 'Success')
      const login = (password: string) => tx({ TransactionType: '1303', UserEmail: email, UserPassword: password })
      for (let i = 0; i < 2; i++) assert.equal((await login(`wrong-${i}`)).json().ErrorCode, '1002')
      const right = await login('secret-pw')
      assert.equal(right.statusCode, 200)
      assert.deepEqual(Object.keys(right.json()), ['Status', 'ErrorCode', 'ErrorMessage'])
      assert.equal(right.json().ErrorCode, '1011')
      assertRetryAfter(right, 30)
      assert.deepEqual(seen(right), seen(await login('wrong-again')))
    })

    test('Packetera locks a partner (WebUserName) after wrong WebUserPasswords', async () => {
      const partner = await app.reseller()
      const remoteAddress = newAddress()
      const tx = (key: string) => app.http.inject({
        method: 'GET', remoteAddress,
        url: `/packetera/cbc_APIs.aspx?${new URLSearchParams({ TransactionType: '1101', WebUserName: partner.username, WebUserPassword: key, UserEmail: 'a@example.com', UserPassword: 'secret-pw', ResponseFormat: 'json' })}`,
      })
      for (let i = 0; i < 2; i++) assert.equal((await tx(`wrong-key-${i}`)).json().ErrorCode, '1001')
      assert.equal((await tx(partner.apiKey)).json().ErrorCode, '1011')
    })

    test('ResellerClub answers a locked auth-userid in its error map, the right key as a wrong one', async () => {
      const r = await app.reseller()
      const remoteAddress = newAddress()
      const call = (apiKey: string) => app.http.inject({ method: 'GET', remoteAddress, url: `/resellerclub/api/customers/search.json?${new URLSearchParams({ 'auth-userid': String(r.id), 'api-key': apiKey, 'no-of-records': '10', 'page-no': '1' })}` })
      for (let i = 0; i < 2; i++) assert.deepEqual((await call(`wrong-key-${i}`)).json(), { status: 'ERROR', message: 'Invalid credentials' })
      const right = await call(r.apiKey)
      assert.equal(right.statusCode, 500)
      assert.deepEqual(Object.keys(right.json()), ['status', 'message'])
      assert.equal(right.json().status, 'ERROR')
      assert.match(right.json().message, /^Too many attempts; try again in [0-9]+ seconds$/)
      assertRetryAfter(right, 30)
      assert.deepEqual(seen(right), seen(await call('wrong-again')))
    })

    test('ResellerClub generate-token locks a customer login', async () => {
      const r = await app.reseller()
      const remoteAddress = newAddress()
      const rc = (path: string, params: Record<string, string>) => app.http.inject({ method: 'GET', remoteAddress, url: `/resellerclub/api/${path}.json?${new URLSearchParams({ 'auth-userid': String(r.id), 'api-key': r.apiKey, ...params })}` })
      const token = (passwd: string) => rc('customers/generate-token', { username: 'nobody@example.com', passwd, ip: '192.0.2.10' })
      for (let i = 0; i < 2; i++) assert.equal((await token(`wrong-${i}`)).json().message, 'Invalid username or password')
      assert.match((await token('whatever')).json().message, /^Too many attempts/)
    })

    test('Porta answers an address over its failed Licenses 429 TooManyRequests in its ResponseStatus', async () => {
      const r = await app.reseller()
      const remoteAddress = newAddress()
      const get = (license: string) => app.http.inject({ method: 'GET', remoteAddress, url: `/porta/GetAccounts/${license}/1` })
      for (let i = 0; i < 3; i++) assert.equal((await get(`wrong-${i}`)).statusCode, 401)
      const right = await get(r.apiKey)
      assert.equal(right.statusCode, 429)
      assert.equal(right.json().ResponseStatus.ErrorCode, 'TooManyRequests')
      assert.deepEqual(right.json().ResponseStatus.Errors, [])
      assertRetryAfter(right, 60)
      assert.deepEqual(seen(right), seen(await get('wrong-again')))
    })

    test('Delacon answers an address over its failed Auth keys LOGIN_FAILED with a message', async () => {
      const r = await app.reseller()
      const remoteAddress = newAddress()
      const get = (key: string) => app.http.inject({ method: 'GET', remoteAddress, url: '/delacon/rest/config/getnumbertypes/AU', headers: { auth: key } })
      for (let i = 0; i < 3; i++) assert.equal((await get(`wrong-${i}`)).json().RESULT, 'LOGIN_FAILED')
      const right = await get(r.apiKey)
      assert.equal(right.statusCode, 200)
      assert.deepEqual(Object.keys(right.json()), ['RESULT', 'MESSAGE'])
      assert.equal(right.json().RESULT, 'LOGIN_FAILED')
      assert.match(right.json().MESSAGE, /^Too many attempts; try again in [0-9]+ seconds$/)
      assertRetryAfter(right, 60)
      assert.deepEqual(seen(right), seen(await get('wrong-again')))
    })

    test('the native API answers a locked platform admin 429', async () => {
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const remoteAddress = newAddress()
      const get = (password: string) => app.http.inject({ method: 'GET', remoteAddress, url: '/native/resellers/1/api-keys', headers: { authorization: basic(admin.username, password) } })
      for (let i = 0; i < 2; i++) assert.equal((await get(`wrong-${i}`)).statusCode, 401)
      const right = await get(admin.password)
      assert.equal(right.statusCode, 429)
      assert.deepEqual(right.json(), { error: 'too many attempts' })
      assertRetryAfter(right, 30)
      assert.deepEqual(seen(right), seen(await get('wrong-again')))
    })

    test('a lock holds for the credential from any address, and an address lock for any credential', async () => {
      const u = await app.user(null)
      const from = newAddress()
      const login = (remoteAddress: string, username: string, password: string) => app.http.inject({ method: 'POST', url: '/api/authenticate', remoteAddress, payload: { username, password } })
      for (let i = 0; i < 2; i++) await login(from, u.username, `wrong-${i}`)
      assert.equal((await login(newAddress(), u.username, u.password)).statusCode, 429)
      const other = await app.user(null)
      const attacker = newAddress()
      for (let i = 0; i < 3; i++) await login(attacker, `guess-${i}`, 'x')
      assert.equal((await login(attacker, other.username, other.password)).statusCode, 429)
      assert.equal((await login(newAddress(), other.username, other.password)).statusCode, 200)
    })
  })

  describe(`a lock ends (${kind}, issue 13 finding 3)`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind, { limits: { ...LIMITS, loginLockBaseSeconds: 1, loginLockMaxSeconds: 2, addressMaxFailuresPerMinute: 100 } }) })
    after(async () => { await app.stop() })

    test('after the lock the right password logs in through ICTCore, and the failures are forgotten', async () => {
      const u = await app.user(null)
      const remoteAddress = newAddress()
      const login = (password: string) => app.http.inject({ method: 'POST', url: '/api/authenticate', remoteAddress, payload: { username: u.username, password } })
      for (let i = 0; i < 2; i++) await login(`wrong-${i}`)
      assert.equal((await login(u.password)).statusCode, 429)
      await until('the lock to end', async () => (await login(u.password)).statusCode, (s) => s === 200, { intervalMs: 200 })
      // Forgotten: one more failure does not lock it again.
      assert.equal((await login('wrong-after')).statusCode, 401)
      assert.equal((await login(u.password)).statusCode, 200)
    })
  })
}
