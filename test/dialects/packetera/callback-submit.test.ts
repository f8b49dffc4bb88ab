import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addActiveMember, credentials, get, replyOf, type Partner } from './packetera-client.ts'
import { statusOf, submit } from './hosted-client.ts'

let ip = 0
/** A visitor address of its own (trustProxy is on): each test's limits start empty. */
const visitor = () => ({ 'x-forwarded-for': `203.0.113.${++ip}, 10.0.0.1` })

for (const kind of TEST_DATABASES) {
  describe(`Packetera callback submit (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    before(async () => {
      app = await startTestApp(kind, {
        publicBaseUrl: 'https://sb.example.com',
        packetera: { trustProxy: true, perAddressMax: 3, perAddressWindowSeconds: 900, perButtonMax: 4, perButtonWindowSeconds: 3600 },
      })
      partner = await app.reseller()
    })
    after(async () => { await app.stop() })

    test('a JSON submit creates a request answered 202 whose status is requested, readable from any origin', async () => {
      const m = await addActiveMember(app, partner)
      const res = await submit(app, m.buttonGuid, { phone: '+44 20 7946-0958', name: 'Grace' }, { json: true, headers: visitor() })
      assert.equal(res.statusCode, 202)
      const body = res.json()
      assert.match(body.requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      assert.deepEqual(body, { requestId: body.requestId, status: 'requested' })
      const status = await app.http.inject({ method: 'GET', url: `/packetera/callback/${body.requestId}.json` })
      assert.equal(status.headers['access-control-allow-origin'], '*')
      assert.deepEqual(status.json(), { requestId: body.requestId, status: 'requested', failureReason: null })
    })

    test('a form submit answers the confirmation page with the request id and the normalised phone', async () => {
      const m = await addActiveMember(app, partner)
      const res = await submit(app, m.buttonGuid, { phone: '(020) 7946.0958' }, { headers: visitor() })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8')
      const id = /<p id="pk-confirmation" data-request-id="([0-9a-f-]{36})">Thank you! We will call you at 02079460958 shortly\.<\/p>/.exec(res.body)?.[1]
      assert.ok(id, res.body)
      assert.equal((await statusOf(app, id)).status, 'requested')
    })

    test('an invalid phone answers 400 with the form again, the values kept and escaped', async () => {
      const m = await addActiveMember(app, partner)
      const bad = '<script>alert(1)</script>'
      const html = await submit(app, m.buttonGuid, { phone: bad, name: '"><b>x' }, { headers: visitor() })
      assert.equal(html.statusCode, 400)
      assert.match(html.body, /<p id="pk-error">Please enter a valid phone number\.<\/p>/)
      assert.ok(html.body.includes('value="&lt;script&gt;alert(1)&lt;/script&gt;"'))
      assert.ok(html.body.includes('value="&quot;&gt;&lt;b&gt;x"'))
      assert.doesNotMatch(html.body, /<script>|<b>/)
      const json = await submit(app, m.buttonGuid, { phone: bad }, { json: true, headers: visitor() })
      assert.equal(json.statusCode, 400)
      assert.deepEqual(json.json(), { error: 'invalid_phone' })
    })

    test('phones follow §9: E.164 with + (8-15 digits, first non-zero) or 7-15 national digits', async () => {
      const m = await addActiveMember(app, partner)
      for (const bad of ['', '+0123456789', '+1234567', '123456', '1234567890123456', '+1234567890123456', '12a4567', '++12345678']) {
        assert.equal((await submit(app, m.buttonGuid, { phone: bad }, { json: true, headers: visitor() })).statusCode, 400, bad)
      }
      for (const good of ['+12345678', '1234567', '+123456789012345']) {
        assert.equal((await submit(app, m.buttonGuid, { phone: good }, { json: true, headers: visitor() })).statusCode, 202, good)
      }
    })

    test('a name over 50 characters or with control characters is invalid_name', async () => {
      const m = await addActiveMember(app, partner)
      for (const name of ['x'.repeat(51), 'a\u0007b']) {
        const json = await submit(app, m.buttonGuid, { phone: '5550100200', name }, { json: true, headers: visitor() })
        assert.deepEqual([json.statusCode, json.json()], [400, { error: 'invalid_name' }])
      }
      const html = await submit(app, m.buttonGuid, { phone: '5550100200', name: 'x'.repeat(51) }, { headers: visitor() })
      assert.match(html.body, /<p id="pk-error">Please enter a valid name\.<\/p>/)
      assert.equal((await submit(app, m.buttonGuid, { phone: '5550100200', name: 'é'.repeat(50) }, { json: true, headers: visitor() })).statusCode, 202)
    })

    test('a second request of the same button for the same number while the first is live is 409 naming it', async () => {
      const m = await addActiveMember(app, partner)
      const first = (await submit(app, m.buttonGuid, { phone: '+15550100300' }, { json: true, headers: visitor() })).json()
      const again = await submit(app, m.buttonGuid, { phone: '+1 555 010 0300' }, { json: true, headers: visitor() })
      assert.deepEqual([again.statusCode, again.json()], [409, { error: 'already_in_progress', requestId: first.requestId }])
      const html = await submit(app, m.buttonGuid, { phone: '+15550100300' }, { headers: visitor() })
      assert.equal(html.statusCode, 409)
      assert.match(html.body, /<p id="pk-error">A call to this number is already in progress\.<\/p>/)
    })

    test('past the per-address limit a visitor gets 429 with Retry-After until the oldest request leaves the window', async () => {
      const m1 = await addActiveMember(app, partner)
      const m2 = await addActiveMember(app, partner)
      const me = visitor()
      // Refused submissions do not count: only created requests do.
      assert.equal((await submit(app, m1.buttonGuid, { phone: 'nope' }, { json: true, headers: me })).statusCode, 400)
      for (const [guid, phone] of [[m1.buttonGuid, '5550000001'], [m2.buttonGuid, '5550000002'], [m2.buttonGuid, '5550000003']] as const) {
        assert.equal((await submit(app, guid, { phone }, { json: true, headers: me })).statusCode, 202)
      }
      const json = await submit(app, m1.buttonGuid, { phone: '5550000004' }, { json: true, headers: me })
      assert.equal(json.statusCode, 429)
      const retry = Number(json.headers['retry-after'])
      assert.ok(retry > 890 && retry <= 900, String(retry))
      assert.deepEqual(json.json(), { error: 'rate_limited', retryAfter: retry })
      // The limit comes before the phone check (§9 order), and the HTML reply says so.
      const html = await submit(app, m2.buttonGuid, { phone: 'nope' }, { headers: me })
      assert.equal(html.statusCode, 429)
      assert.ok(html.headers['retry-after'])
      assert.match(html.body, /<p id="pk-error">Too many requests\. Please try again later\.<\/p>/)
      // Another visitor is not limited.
      assert.equal((await submit(app, m1.buttonGuid, { phone: '5550000004' }, { json: true, headers: visitor() })).statusCode, 202)
    })

    test('past the per-button limit every visitor gets 429 for that button', async () => {
      const m = await addActiveMember(app, partner)
      for (let i = 0; i < 4; i++) assert.equal((await submit(app, m.buttonGuid, { phone: `555000010${i}` }, { json: true, headers: visitor() })).statusCode, 202)
      const res = await submit(app, m.buttonGuid, { phone: '5550000199' }, { json: true, headers: visitor() })
      assert.equal(res.statusCode, 429)
      assert.ok(Number(res.headers['retry-after']) > 3500)
    })

    test('an unknown, deleted or inactive button is 404 before any other check', async () => {
      const m = await addActiveMember(app, partner)
      const added = replyOf((await get(app, { TransactionType: '3101', ...credentials(partner, m) })).body).ButtonGUID!
      const pending = (await submit(app, added, { phone: '5550000301' }, { json: true, headers: visitor() })).json()
      assert.equal(replyOf((await get(app, { TransactionType: '3404', ...credentials(partner, m), ButtonGUID: added })).body).Status, 'Success')
      for (const guid of [added, '00000000-0000-0000-0000-000000000000', 'junk']) {
        const json = await submit(app, guid, { phone: 'nope' }, { json: true, headers: visitor() })
        assert.deepEqual([json.statusCode, json.json()], [404, { error: 'not_found' }])
        const html = await submit(app, guid, { phone: 'nope' }, { headers: visitor() })
        assert.equal(html.statusCode, 404)
        assert.match(html.body, /This call button is not available\./)
      }
      // A deleted button's pending request is still there (spec §6, 3404).
      assert.equal((await statusOf(app, pending.requestId)).status, 'requested')
    })

    test('an unknown request id is 404 not_found', async () => {
      for (const id of ['3b241101-e2bb-4255-8caf-4136c566a962', 'nope', '3B241101-E2BB-4255-8CAF-4136C566A962']) {
        const res = await app.http.inject({ method: 'GET', url: `/packetera/callback/${id}.json` })
        assert.deepEqual([res.statusCode, res.json()], [404, { error: 'not_found' }])
      }
    })
  })
}
