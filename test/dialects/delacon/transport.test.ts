import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor } from '../../../src/core/actor.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import { revokeApiKey, listApiKeys, setResellerEnabled } from '../../../src/core/resellers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { newCustomer, postForm, postJson, PREFIX } from './delacon-helpers.ts'

const LOGIN_FAILED = '{"RESULT":"LOGIN_FAILED","MESSAGE":"Invalid or missing Auth header"}'

for (const kind of TEST_DATABASES) {
  describe(`Delacon transport and authentication (${kind})`, () => {
    let app: TestApp
    let key: string
    before(async () => {
      app = await startTestApp(kind)
      key = (await app.reseller()).apiKey
    })
    after(async () => { await app.stop() })

    test('a missing Auth header is LOGIN_FAILED byte for byte, before any parameter is looked at', async () => {
      for (const url of ['/provision', '/getnumbertypes/AU', '/updatecustomer/1', '/getnumbertypes/Atlantis']) {
        const res = await app.http.inject({ method: 'POST', url: `${PREFIX}${url}`, headers: { 'content-type': 'application/json' }, payload: '{bad' })
        assert.equal(res.statusCode, 200)
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
        assert.equal(res.body, LOGIN_FAILED)
      }
    })

    test('a wrong, revoked or disabled partner key is LOGIN_FAILED', async () => {
      const wrong = await postForm(app, '/provision', 'x'.repeat(20), newCustomer())
      assert.equal(wrong.body, LOGIN_FAILED)
      const blank = await postForm(app, '/provision', '   ', newCustomer())
      assert.equal(blank.body, LOGIN_FAILED)
      const r = await app.reseller()
      const ok = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/JP`, headers: { AUTH: `  ${r.apiKey} ` } })
      assert.equal(ok.json().Region, 'ja-jp')
      const [k] = await listApiKeys(app.core, r.id)
      await revokeApiKey(app.core, r.id, k!.id)
      const revoked = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/JP`, headers: { Auth: r.apiKey } })
      assert.equal(revoked.body, LOGIN_FAILED)
      const d = await app.reseller()
      await setResellerEnabled(app.core, d.id, false)
      const disabled = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/JP`, headers: { Auth: d.apiKey } })
      assert.equal(disabled.body, LOGIN_FAILED)
      const other = await app.reseller({ dialects: ['porta'] })
      const notEnabled = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/JP`, headers: { Auth: other.apiKey } })
      assert.equal(notEnabled.body, LOGIN_FAILED)
    })

    test('other methods are 405 with an Allow header and the envelope', async () => {
      const cases: [string, string, string][] = [
        ['GET', '/provision', 'POST'], ['PUT', '/provision', 'POST'], ['DELETE', '/updatecustomer/5', 'POST'],
        ['GET', '/updatecustomer/5', 'POST'], ['PUT', '/getnumbertypes/AU', 'GET, POST'], ['PATCH', '/getnumbertypes/AU', 'GET, POST'],
      ]
      for (const [method, url, allow] of cases) {
        const res = await app.http.inject({ method: method as 'GET', url: `${PREFIX}${url}`, headers: { Auth: key } })
        assert.equal(res.statusCode, 405, `${method} ${url}`)
        assert.equal(res.headers.allow, allow)
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
        assert.equal(res.body, '{"RESULT":"FAIL","MESSAGE":"Method not allowed"}')
      }
    })

    test('other paths under the prefix are 404 with the envelope', async () => {
      for (const url of ['/rest/config/nothing', '/rest/config/provision/extra', '/rest/config/', '/other']) {
        const res = await app.http.inject({ method: 'POST', url: `/delacon${url}`, headers: { Auth: key } })
        assert.equal(res.statusCode, 404, url)
        assert.equal(res.body, '{"RESULT":"FAIL","MESSAGE":"Not found"}')
      }
    })

    test('getnumbertypes answers the §7 list for a name, code or alpha-2, by GET and POST', async () => {
      const jp = '{"Region":"ja-jp","NumberTypes":[{"desc":"0120 Japan Toll Free Number","key":"0120"},{"desc":"03 Tokyo","key":"03"}]}'
      for (const loc of ['Japan', 'JAPAN', 'ja-jp', 'JA_JP', 'jp']) {
        for (const method of ['GET', 'POST'] as const) {
          const res = await app.http.inject({ method, url: `${PREFIX}/getnumbertypes/${loc}`, headers: { Auth: key } })
          assert.equal(res.statusCode, 200)
          assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
          assert.equal(res.body, jp, `${method} ${loc}`)
        }
      }
      for (const loc of ['United+Kingdom', 'united%20kingdom', 'UK', 'gb', 'en_gb']) {
        const res = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/${loc}`, headers: { Auth: key } })
        assert.equal(res.json().Region, 'en-gb', loc)
        assert.equal(res.json().NumberTypes.length, 9)
      }
      const nz = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/New%20Zealand`, headers: { Auth: key } })
      assert.deepEqual(nz.json().NumberTypes.at(-1), { desc: "06 Taranaki, Hawke's Bay & Manawatu", key: '06' })
      const au = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/AU`, headers: { Auth: key } })
      assert.deepEqual(au.json().NumberTypes.map((t: { key: string }) => t.key), ['1300', '1800', '02', '03', '07', '08'])
      assert.equal(au.json().NumberTypes[5].desc, '08 Adelaide & Perth / SA, WA & NT')
    })

    test('getnumbertypes of an unknown location is FAIL naming the decoded location', async () => {
      const res = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/Atl%C3%A4ntis%20X`, headers: { Auth: key } })
      assert.equal(res.statusCode, 200)
      assert.equal(res.body, '{"RESULT":"FAIL","MESSAGE":"Unknown location: Atläntis X"}')
    })

    test('a long location or companyID still gets its envelope; a nested path is 404', async () => {
      const long = 'x'.repeat(3000)
      const loc = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/${long}`, headers: { Auth: key } })
      assert.equal(loc.body, `{"RESULT":"FAIL","MESSAGE":"Unknown location: ${long}"}`)
      const id = '9'.repeat(300)
      const upd = await postForm(app, `/updatecustomer/${id}`, key, { whisper: 'Y' })
      assert.equal(upd.body, `{"RESULT":"FAIL","MESSAGE":"Customer ${id} not found"}`)
      for (const url of ['/getnumbertypes/AU/extra', '/updatecustomer/1/2']) {
        const res = await app.http.inject({ method: 'POST', url: `${PREFIX}${url}` })
        assert.equal(res.statusCode, 404, url)
        assert.equal(res.body, '{"RESULT":"FAIL","MESSAGE":"Not found"}')
      }
    })

    test('a form body with no Content-Type is read as a form, names case-insensitively', async () => {
      await addNumbers(app.core, systemActor, { region: 'SG', numberType: '6', count: 3 })
      const fields = newCustomer({ region: 'sg', numberType: '6', numbers: '1' })
      const lowered = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toUpperCase(), v]))
      const res = await app.http.inject({ method: 'POST', url: `${PREFIX}/provision`, headers: { Auth: key }, payload: new URLSearchParams(lowered).toString() })
      assert.match(res.body, /^\{"RESULT":"OK","OrderId":"\d+","CID":"\d+","Numbers":"6\d{7}"\}$/)
    })

    test('form values are trimmed, + is a space, and an empty value counts as absent', async () => {
      const res = await app.http.inject({
        method: 'POST', url: `${PREFIX}/provision`, headers: { Auth: key, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'BusinessName=+&EmailAddress=&TerminationNumber=++0290001234++&region=Hong+Kong&numberType=9&numbers=1&termsCheck=ON',
      })
      assert.equal(res.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - BusinessName is required; EmailAddress is required; numberType is invalid for region Hong Kong"}')
    })

    test('the body wins over the query string, and the first of repeated names wins', async () => {
      const res = await app.http.inject({
        method: 'POST', url: `${PREFIX}/provision?numbers=1&region=Atlantis&termsCheck=off`,
        headers: { Auth: key, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'numbers=99&numbers=1&BusinessName=A&EmailAddress=a@b.co&TerminationNumber=0290001234&numberType=1300',
      })
      assert.equal(res.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - region is invalid; numbers must be between 1 and 10; termsCheck must be on"}')
    })

    test('JSON bodies: numbers become text, booleans on/off for termsCheck, features may be an array', async () => {
      await addNumbers(app.core, systemActor, { region: 'HK', numberType: '3', count: 2 })
      const res = await postJson(app, '/provision', key, {
        businessname: 'Json Co', EmailAddress: 'j@json.example', TerminationNumber: 85231234567, region: 'HK', numberType: 3,
        numbers: 2, termsCheck: true, features: ['callrecording', 'CallFeedbackSurevy'], unknownField: { a: 1 },
      })
      assert.match(res.body, /^\{"RESULT":"OK","OrderId":"\d+","CID":"\d+","Numbers":"3\d{7}, 3\d{7}"\}$/)
      const off = await postJson(app, '/provision', key, { ...newCustomer(), termsCheck: false })
      assert.equal(off.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - termsCheck must be on"}')
    })

    test('malformed JSON, a JSON non-object or a value nested too deep to handle (#13 finding 6) is INVALID malformed request body', async () => {
      const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
      for (const body of ['{"BusinessName":', '[1,2]', '"text"', '42', 'null', '', `{"BusinessName":${deep}}`, `{"a":{"b":${deep}}}`]) {
        const res = await postJson(app, '/provision', key, body)
        assert.equal(res.statusCode, 200)
        assert.equal(res.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - malformed request body"}', JSON.stringify(body))
      }
    })

    test('a body of another content type is ignored; the query string still counts', async () => {
      const res = await app.http.inject({
        method: 'POST', url: `${PREFIX}/provision?numbers=3`, headers: { Auth: key, 'content-type': 'text/plain' },
        payload: 'BusinessName=Ignored',
      })
      assert.equal(res.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - BusinessName is required; EmailAddress is required; TerminationNumber is required; region is required; numberType is required; termsCheck must be on"}')
    })

    test('an oversized body gets the dialect envelope, not a framework error', async () => {
      const res = await app.http.inject({
        method: 'POST', url: `${PREFIX}/provision`, headers: { Auth: key, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `BusinessName=${'x'.repeat(1024 * 1024 + 10)}`,
      })
      assert.equal(res.statusCode, 200)
      assert.equal(res.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - malformed request body"}')
    })
  })
}
