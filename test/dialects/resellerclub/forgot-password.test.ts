import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { notificationOf } from '../../../src/core/notifications/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'
import { rcClient, signupParams } from './rc-client.ts'

// spec/resellerclub.md §4.1 forgot-password (issue 15 point 1): an email through the core's email
// channel (the sandbox records it here) with a single-use, expiring link whose page sets the password
// with signup's rules; the new password works in every dialect at once.

for (const kind of TEST_DATABASES) {
  describe(`resellerclub forgot-password (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let rc: ReturnType<typeof rcClient>
    let clockOffsetMs = 0
    const adminToken = randomBytes(24).toString('base64url')
    before(async () => {
      app = await startTestApp(kind, {}, { dispatch: true, adminToken })
      const realNow = app.core.now
      app.core.now = () => new Date(realNow().getTime() + clockOffsetMs)
      reseller = await app.reseller()
      rc = rcClient(app, reseller)
    })
    after(async () => { await app.stop() })

    /** Signs a customer up, asks for a reset (GET or POST) and returns the link the email carries. */
    async function requestReset(method: 'GET' | 'POST' = 'GET') {
      const params = signupParams()
      const id = (await rc.post('customers/signup', params)).body
      const username = String(params.username).toLowerCase()
      const res = method === 'GET' ? await rc.get('customers/forgot-password', { username: String(params.username) }) : await rc.post('customers/forgot-password', { username })
      assert.equal(res.body, 'true')
      const sends = await until('the reset email in the sandbox log', async () => {
        const list = (await app.http.inject({ method: 'GET', url: `/native/sandbox/sends?tenantId=${reseller.id}`, headers: { authorization: `Bearer ${adminToken}` } })).json() as { destination: string; transmissionId: number }[]
        const mine = list.filter((s) => s.destination === username)
        return mine.length ? mine : undefined
      })
      const email = (await notificationOf(app.core, sends[0]!.transmissionId))!
      assert.equal(email.subject, 'Reset your password')
      const link = /http:\/\/\S+\/resellerclub\/password-reset\?token=\S+/.exec(email.text)?.[0]
      assert.ok(link, email.text)
      return { id, username, password: String(params.passwd), url: new URL(link) }
    }
    const submit = (url: URL, password: string, confirm = password) => app.http.inject({
      method: 'POST', url: url.pathname + url.search, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ password, confirm }).toString(),
    })
    const login = (username: string, passwd: string) => rc.get('customers/generate-token', { username, passwd, ip: '10.0.0.9' })

    test('the email carries a link to a page that sets a new password; the old one stops working in every dialect', async () => {
      const c = await requestReset()
      assert.equal((await login(c.username, c.password)).statusCode, 200, 'the password is unchanged until the link is used')
      const page = await app.http.inject({ method: 'GET', url: c.url.pathname + c.url.search })
      assert.equal(page.statusCode, 200)
      assert.match(page.headers['content-type'] as string, /^text\/html/)
      assert.match(page.body, /<form method="post">/)
      assert.ok(!page.body.includes(c.url.searchParams.get('token')!), 'the token is not written into the page')
      assert.equal((await submit(c.url, 'newPass42')).statusCode, 200)
      assert.equal((await login(c.username, c.password)).body, '{"status":"ERROR","message":"Invalid username or password"}')
      assert.equal((await login(c.username, 'newPass42')).statusCode, 200)
      // The same login in ICTCore (a customer's login is an ICTCore user too).
      assert.equal((await app.http.inject({ method: 'GET', url: '/api/contacts', headers: { authorization: basic(c.username, 'newPass42') } })).statusCode, 200)
      assert.equal((await app.http.inject({ method: 'GET', url: '/api/contacts', headers: { authorization: basic(c.username, c.password) } })).statusCode, 401)
    })

    test('the link works once', async () => {
      const c = await requestReset('POST')
      assert.equal((await submit(c.url, 'firstPass1')).statusCode, 200)
      const again = await submit(c.url, 'secondPass2')
      assert.equal(again.statusCode, 404)
      assert.match(again.body, /invalid, already used or expired/)
      assert.equal((await login(c.username, 'firstPass1')).statusCode, 200)
    })

    test("the page refuses a password outside signup's rules and two that differ, and keeps the link usable", async () => {
      const c = await requestReset()
      const weak = await submit(c.url, 'short')
      assert.equal(weak.statusCode, 400)
      assert.match(weak.body, /must be 8-16 printable ASCII characters with at least one letter and one digit/)
      const differ = await submit(c.url, 'goodPass1', 'goodPass2')
      assert.equal(differ.statusCode, 400)
      assert.match(differ.body, /The two passwords differ/)
      assert.equal((await submit(c.url, 'goodPass1')).statusCode, 200)
    })

    test('the link expires after an hour', async () => {
      const c = await requestReset()
      clockOffsetMs += 3601_000
      try {
        assert.equal((await app.http.inject({ method: 'GET', url: c.url.pathname + c.url.search })).statusCode, 404)
        assert.equal((await submit(c.url, 'latePass1')).statusCode, 404)
        assert.equal((await login(c.username, c.password)).statusCode, 200)
      } finally {
        clockOffsetMs -= 3601_000
      }
    })

    test('an unknown or forged token gets the expired page', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/resellerclub/password-reset?token=forged' })
      assert.equal(res.statusCode, 404)
      assert.equal((await app.http.inject({ method: 'GET', url: '/resellerclub/password-reset' })).statusCode, 404)
    })

    test("another reseller's customer is unknown to forgot-password", async () => {
      const params = signupParams()
      await rc.post('customers/signup', params)
      const other = await app.reseller()
      const res = await rcClient(app, other).get('customers/forgot-password', { username: String(params.username) })
      assert.equal(res.body, `{"status":"ERROR","message":"Customer ${params.username} not found"}`)
    })
  })
}
