import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { updateResellerSettings } from '../../../src/core/resellers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addMember, credentials, get, GUID, replyOf, type Partner } from './packetera-client.ts'

for (const kind of TEST_DATABASES) {
  describe(`Packetera activation (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    before(async () => {
      app = await startTestApp(kind, { publicBaseUrl: 'https://sb.example.com' })
      partner = await app.reseller()
    })
    after(async () => { await app.stop() })

    test('GetActivationLink and GetActivationID name the same GUID under the public base URL', async () => {
      const m = await addMember(app, partner)
      const link = replyOf((await get(app, { TransactionType: '2302', ...credentials(partner, m) })).body)
      const id = replyOf((await get(app, { TransactionType: '2304', ...credentials(partner, m) })).body)
      assert.match(id.ActivationID!, GUID)
      assert.equal(link.ActivationLink, `https://sb.example.com/packetera/activate/${id.ActivationID}`)
    })

    test('opening the activation link activates the member, idempotently; an unknown link is 404', async () => {
      const m = await addMember(app, partner)
      const id = replyOf((await get(app, { TransactionType: '2304', ...credentials(partner, m) })).body).ActivationID!
      for (let i = 0; i < 2; i++) {
        const page = await app.http.inject({ method: 'GET', url: `/packetera/activate/${id.toLowerCase()}` })
        assert.equal(page.statusCode, 200)
        assert.equal(page.headers['content-type'], 'text/html; charset=utf-8')
        assert.match(page.body, /Your account has been activated\./)
      }
      assert.equal(replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, m) })).body).Active, 'Yes')
      for (const bad of ['00000000-0000-0000-0000-000000000000', 'nope']) {
        const page = await app.http.inject({ method: 'GET', url: `/packetera/activate/${bad}` })
        assert.equal(page.statusCode, 404)
        assert.match(page.body, /Invalid activation link\./)
      }
    })

    test('ActivationId alone activates the member (2203) and answers MemberID, Active=Yes', async () => {
      const m = await addMember(app, partner)
      const id = replyOf((await get(app, { TransactionType: '2304', ...credentials(partner, m) })).body).ActivationID!
      const res = await get(app, { ActivationId: id.toLowerCase() })
      assert.equal(res.body, `Status=Success&MemberID=${m.memberId}&Active=Yes`)
      const again = await get(app, { TransactionType: '2203', ActivationId: id, WebUserName: 'ignored', UserEmail: 'x'.repeat(99) })
      assert.equal(again.body, `Status=Success&MemberID=${m.memberId}&Active=Yes`)
      assert.equal(replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, m) })).body).Active, 'Yes')
    })

    test('2203 refuses a missing, long, malformed or unknown ActivationId', async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ TransactionType: '2203' }, '1003', 'Missing required field: ActivationId'],
        [{ ActivationId: 'A'.repeat(41) }, '1004', 'Field too long: ActivationId (maximum 40 characters)'],
        [{ ActivationId: 'not-a-guid' }, '1005', 'Invalid value for field: ActivationId'],
        [{ ActivationId: '3958F16D-A43E-41E5-B5B0-6B4A5EC63B3E' }, '1007', 'Activation ID not found'],
      ]
      for (const [fields, code, message] of cases) {
        const r = replyOf((await get(app, fields)).body)
        assert.deepEqual([r.Status, r.ErrorCode, r.ErrorMessage], ['Failure', code, message], JSON.stringify(fields))
      }
    })

    test('2203 answers in the reply defaults of the member\'s partner', async () => {
      const p = await app.reseller()
      const m = await addMember(app, p)
      const id = replyOf((await get(app, { TransactionType: '2304', ...credentials(p, m) })).body).ActivationID!
      await updateResellerSettings(app.core, p.id, { packeteraReply: { format: 'xml' } })
      const res = await get(app, { ActivationId: id })
      assert.equal(res.body, `<?xml version="1.0" encoding="utf-8"?><Response><Status>Success</Status><MemberID>${m.memberId}</MemberID><Active>Yes</Active></Response>`)
      const asked = await get(app, { ActivationId: id, ResponseFormat: 'json' })
      assert.deepEqual(asked.json(), { Status: 'Success', MemberID: m.memberId, Active: 'Yes' })
    })

    test('without a public base URL the link is built from the request', async () => {
      const local = await startTestApp(kind)
      try {
        const p = await local.reseller()
        const m = await addMember(local, p)
        const res = await local.http.inject({ method: 'GET', url: `/packetera/cbc_APIs.aspx?TransactionType=2302&WebUserName=${p.username}&WebUserPassword=${p.apiKey}&UserEmail=${m.email}&UserPassword=${m.password}`, headers: { host: 'calls.example.net:8080' } })
        assert.match(replyOf(res.body).ActivationLink!, /^http:\/\/calls\.example\.net:8080\/packetera\/activate\/[0-9A-F-]{36}$/)
      } finally {
        await local.stop()
      }
    })
  })
}
