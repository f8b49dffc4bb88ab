import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { buildApp, type SwitchboardApp } from '../../../src/app.ts'
import { readPartnerSettings } from '../../../src/core/resellers/index.ts'
import { getReseller } from '../../../src/core/resellers/resellers.ts'
import { insertUser } from '../../../src/core/users/index.ts'
import { testConfig, testLogger } from '../../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'
import { sweepSecret } from '../../helpers/secret-sweep.ts'
import type { Database } from '../../../src/db/client.ts'

for (const kind of TEST_DATABASES) {
  describe(`partner settings through the native API (${kind}) (issue 17 point 1)`, () => {
    const adminToken = randomBytes(24).toString('base64url')
    let app: SwitchboardApp
    let database: Database
    let a: number
    let b: number
    const bearer = { authorization: `Bearer ${adminToken}` }
    const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` })
    const put = (id: number, payload: unknown, headers: Record<string, string> = bearer) =>
      app.http.inject({ method: 'PUT', url: `/native/resellers/${id}/settings`, payload: payload as object, headers })
    const get = (id: number, headers: Record<string, string> = bearer) => app.http.inject({ method: 'GET', url: `/native/resellers/${id}/settings`, headers })

    before(async () => {
      database = await openTestDatabase(kind)
      app = await buildApp({ config: testConfig(), database, logger: testLogger(), adminToken })
      a = (await app.http.inject({ method: 'POST', url: '/native/resellers', payload: { name: 'Settings A' }, headers: bearer })).json().id
      b = (await app.http.inject({ method: 'POST', url: '/native/resellers', payload: { name: 'Settings B' }, headers: bearer })).json().id
      await insertUser(app.core.db, a, { username: 'a-admin', password: 'a-admin-pass-1', roles: ['admin', 'user'] })
      await insertUser(app.core.db, a, { username: 'a-user', password: 'a-user-pass-1', roles: ['user'] })
    })
    after(async () => {
      await app.stop()
      await database.close()
    })

    test('a new partner has every default', async () => {
      const res = await get(a)
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), {
        resellerId: a,
        settings: {
          'resellerclub.tokenTtlSeconds': 120, 'resellerclub.sellingCurrency': 'USD', 'resellerclub.salesRepresentative': '',
          'packetera.responseFormat': 'namevalue', 'packetera.responseDelimiter': '&', 'packetera.responseSeparator': '=', 'packetera.responseEncapsulator': '',
          'delacon.callbackUrl': null, 'delacon.backorder': {}, 'delacon.pendingOrderTimeoutHours': 168, 'delacon.callbackRetryDelaysSeconds': [60, 300],
        },
        secrets: { 'delacon.callbackSecret': false },
      })
    })

    test('settings are changed, kept in their stored places, and null restores a default', async () => {
      const res = await put(a, {
        'resellerclub.sellingCurrency': 'eur', 'resellerclub.salesRepresentative': 'Ana at +1 555 0100',
        'packetera.responseFormat': 'JSON', 'packetera.responseDelimiter': '|',
        'delacon.callbackUrl': 'https://partner.example/cb?x=1', 'delacon.backorder': { 'Australia/1300': false, 'UK/020': true },
        'delacon.pendingOrderTimeoutHours': 0.5, 'delacon.callbackRetryDelaysSeconds': [1, 2],
      })
      assert.equal(res.statusCode, 200, res.body)
      const s = res.json().settings
      assert.equal(s['resellerclub.sellingCurrency'], 'EUR')
      assert.equal(s['packetera.responseFormat'], 'json')
      assert.deepEqual(s['delacon.backorder'], { 'en-au/1300': false, 'en-gb/020': true })
      // Stored where the dialects read them before this module (compatible format).
      const stored = (await getReseller(app.core, a)).settings
      assert.equal(stored.sellingCurrency, 'EUR')
      assert.deepEqual(stored.packeteraReply, { format: 'json', delimiter: '|' })
      assert.equal(stored.delaconCallbackUrl, 'https://partner.example/cb?x=1')
      const again = await put(a, { 'resellerclub.sellingCurrency': null, 'delacon.backorder': { 'en-gb/020': null } })
      assert.equal(again.json().settings['resellerclub.sellingCurrency'], 'USD')
      assert.deepEqual(again.json().settings['delacon.backorder'], { 'en-au/1300': false })
      assert.deepEqual(readPartnerSettings((await getReseller(app.core, a)).settings)['delacon.callbackRetryDelaysSeconds'], [1, 2])
    })

    test('the callback secret is shown once when generated or set, then only as set', async () => {
      const res = await put(a, { 'delacon.callbackSecret': true })
      assert.equal(res.statusCode, 200)
      const secret = res.json().shownOnce['delacon.callbackSecret'] as string
      sweepSecret(secret)
      assert.match(secret, /^[A-Za-z0-9_-]{43}$/)
      const shown = await get(a)
      assert.deepEqual(shown.json().secrets, { 'delacon.callbackSecret': true })
      assert.ok(!shown.body.includes(secret))
      assert.ok(!JSON.stringify((await getReseller(app.core, a)).settings).includes(secret), 'stored encrypted')
      const cleared = await put(a, { 'delacon.callbackSecret': null })
      assert.deepEqual(cleared.json().secrets, { 'delacon.callbackSecret': false })
      assert.equal(cleared.json().shownOnce, undefined)
    })

    test('bad values are refused naming the setting, and nothing changes', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ 'delacon.callbackUrl': 'ftp://partner.example/cb' }, 'delacon.callbackUrl'],
        [{ 'delacon.callbackUrl': 'https://user:pw@partner.example/cb' }, 'delacon.callbackUrl'],
        [{ 'delacon.callbackUrl': 'not a url' }, 'delacon.callbackUrl'],
        [{ 'delacon.callbackSecret': 'short' }, 'delacon.callbackSecret'],
        [{ 'delacon.callbackSecret': false }, 'delacon.callbackSecret'],
        [{ 'delacon.callbackSecret': 1234567890123456 }, 'delacon.callbackSecret'],
        [{ 'delacon.callbackRetryDelaysSeconds': [1] }, 'delacon.callbackRetryDelaysSeconds'],
        [{ 'delacon.callbackRetryDelaysSeconds': [1, -1] }, 'delacon.callbackRetryDelaysSeconds.1'],
        [{ 'delacon.pendingOrderTimeoutHours': 0 }, 'delacon.pendingOrderTimeoutHours'],
        [{ 'delacon.pendingOrderTimeoutHours': 9000 }, 'delacon.pendingOrderTimeoutHours'],
        [{ 'delacon.backorder': { 'Mars/1300': true } }, 'delacon.backorder'],
        [{ 'delacon.backorder': { 'en-au/9999': true } }, 'delacon.backorder'],
        [{ 'resellerclub.tokenTtlSeconds': 0 }, 'resellerclub.tokenTtlSeconds'],
        [{ 'resellerclub.sellingCurrency': 'U$D' }, 'resellerclub.sellingCurrency'],
        [{ 'packetera.responseFormat': 'yaml' }, 'packetera.responseFormat'],
        [{ 'packetera.responseSeparator': '|', 'packetera.responseDelimiter': '|' }, 'packetera.responseSeparator'],
        [{ 'packetera.responseDelimiter': 'ab' }, 'packetera.responseDelimiter'],
        [{ 'delacon.nonsense': 1 }, 'delacon.nonsense'],
      ]
      const before = (await get(a)).body
      for (const [patch, field] of cases) {
        const res = await put(a, patch)
        assert.equal(res.statusCode, 400, `${JSON.stringify(patch)}: ${res.body}`)
        assert.equal(res.json().field, field, `${JSON.stringify(patch)}: ${res.body}`)
        assert.ok(res.json().error.startsWith(field), res.body)
      }
      assert.equal((await get(a)).body, before)
    })

    test("a reseller's administrator manages its own settings; another reseller's look unknown; a plain user is refused", async () => {
      const own = await put(a, { 'delacon.pendingOrderTimeoutHours': 24 }, basic('a-admin', 'a-admin-pass-1'))
      assert.equal(own.statusCode, 200, own.body)
      assert.equal((await get(a, basic('a-admin', 'a-admin-pass-1'))).json().settings['delacon.pendingOrderTimeoutHours'], 24)
      for (const res of [await get(b, basic('a-admin', 'a-admin-pass-1')), await put(b, { 'delacon.pendingOrderTimeoutHours': 1 }, basic('a-admin', 'a-admin-pass-1'))]) {
        assert.deepEqual([res.statusCode, res.json()], [404, { error: 'Reseller not found' }])
      }
      assert.equal((await get(a, basic('a-user', 'a-user-pass-1'))).statusCode, 403)
      assert.equal((await get(999_999)).statusCode, 404)
    })
  })
}
