import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { setResellerEnabled, updateResellerSettings } from '../../../src/core/resellers/index.ts'
import { setPacketeraReplyDefaults } from '../../../src/dialects/packetera/partner-settings.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addMember, credentials, ENDPOINT, get, query, replyOf, type Member, type Partner } from './packetera-client.ts'

for (const kind of TEST_DATABASES) {
  describe(`Packetera transaction endpoint (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    let other: Partner
    let member: Member
    before(async () => {
      app = await startTestApp(kind)
      partner = await app.reseller()
      other = await app.reseller()
      member = await addMember(app, partner)
    })
    after(async () => { await app.stop() })

    const profile = () => ({ TransactionType: '1303', ...credentials(partner, member) })

    test('GET with a query string answers HTTP 200 text/plain Name/Value pairs', async () => {
      const res = await get(app, profile())
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
      assert.equal(replyOf(res.body).MemberID, member.memberId)
    })

    test('field names are case-insensitive and trimmed, as in hand-written URLs', async () => {
      const q = `transactiontype=1303&%20WEBUSERNAME%20=${partner.username}&webuserpassword=${partner.apiKey}&useremail=${encodeURIComponent(member.email.toUpperCase())}&UserPassword=${member.password}`
      const res = await app.http.inject({ method: 'GET', url: `${ENDPOINT}?${q}` })
      assert.equal(replyOf(res.body).Status, 'Success')
      const spaced = await app.http.inject({ method: 'GET', url: `${ENDPOINT}?${query(profile())}& City=x` })
      assert.equal(replyOf(spaced.body).Status, 'Success')
    })

    test('POST with a form body works, and the query string wins a name clash', async () => {
      const form = await app.http.inject({ method: 'POST', url: ENDPOINT, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: query(profile()) })
      assert.equal(replyOf(form.body).Status, 'Success')
      const clash = await app.http.inject({
        method: 'POST', url: `${ENDPOINT}?TransactionType=2304`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: query(profile()),
      })
      assert.deepEqual(Object.keys(replyOf(clash.body)), ['Status', 'ActivationID'])
      const bodyFills = await app.http.inject({
        method: 'POST', url: `${ENDPOINT}?TransactionType=2304&WebUserName=`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: query(profile()),
      })
      assert.equal(replyOf(bodyFills.body).Status, 'Success', 'an empty query value counts as absent')
    })

    test('a POST body without Content-Type is parsed as a form', async () => {
      const res = await app.http.inject({ method: 'POST', url: ENDPOINT, payload: Buffer.from(query(profile())) })
      assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
      assert.equal(replyOf(res.body).Status, 'Success')
      const other = await app.http.inject({ method: 'POST', url: ENDPOINT, headers: { 'content-type': 'text/plain' }, payload: query(profile()) })
      assert.equal(replyOf(other.body).Status, 'Success')
    })

    test('a Content-Type that is no media type is read as a form like a missing one, not an internal error 1099 (issue 13 point 9)', async () => {
      for (const type of ['base64', 'x'.repeat(300), ';;', 'form; charset=utf-8']) {
        const res = await app.http.inject({ method: 'POST', url: ENDPOINT, headers: { 'content-type': type }, payload: query(profile()) })
        assert.equal(res.statusCode, 200, type)
        assert.equal(replyOf(res.body).Status, 'Success', `${type}: ${res.body}`)
      }
    })

    test('a body over the 1 MiB limit is a size failure in the envelope, not an internal error (#13 finding 6)', async () => {
      const res = await app.http.inject({ method: 'POST', url: ENDPOINT, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `a=${'x'.repeat(5 * 1024 * 1024)}` })
      assert.equal(res.statusCode, 200)
      assert.equal(res.body, `Status=Failure&ErrorCode=1004&ErrorMessage=${encodeURIComponent('Request too large (maximum 1048576 bytes)')}`)
    })

    test('of repeated names the first wins', async () => {
      const res = await app.http.inject({ method: 'GET', url: `${ENDPOINT}?${query(profile())}&TransactionType=9999` })
      assert.equal(replyOf(res.body).Status, 'Success')
      const first = await app.http.inject({ method: 'GET', url: `${ENDPOINT}?TransactionType=9999&${query(profile())}` })
      assert.equal(replyOf(first.body).ErrorCode, '1006')
    })

    for (const method of ['PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const) {
      test(`${method} is answered 405 with an empty body`, async () => {
        const res = await app.http.inject({ method, url: `${ENDPOINT}?${query(profile())}` })
        assert.equal(res.statusCode, 405)
        assert.equal(res.body, '')
      })
    }

    test('an unknown path under the prefix is 404, undecodable ones too', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/packetera/nothing.aspx' })
      assert.equal(res.statusCode, 404)
      const bad = await app.http.inject({ method: 'GET', url: `/packetera/%ZZ/${partner.apiKey}` })
      assert.equal(bad.statusCode, 404)
      assert.equal(bad.body, '')
      const link = await app.http.inject({ method: 'GET', url: '/packetera/activate/%ZZ' })
      assert.equal(link.statusCode, 404)
      assert.match(link.body, /Invalid activation link\./)
    })

    test('a malformed escape in the query is kept as sent and never breaks the envelope', async () => {
      const res = await app.http.inject({ method: 'GET', url: `${ENDPOINT}?TransactionType=%ZZ&x=%` })
      assert.equal(res.statusCode, 200)
      assert.equal(res.body, 'Status=Failure&ErrorCode=1006&ErrorMessage=Unknown%20transaction%20type%3A%20%25ZZ')
    })

    test('ResponseFormat=json answers one JSON object with the pairs in order', async () => {
      const res = await get(app, { ...profile(), ResponseFormat: 'JSON' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      const keys = Object.keys(res.json())
      assert.deepEqual(keys.slice(0, 3), ['Status', 'MemberID', 'UserEmail'])
      assert.equal(res.json().PhoneCount, '1')
    })

    test('ResponseFormat=xml answers a Response element with one child per pair', async () => {
      const res = await get(app, { TransactionType: '2304', ...credentials(partner, member), ResponseFormat: 'xml' })
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
      assert.match(res.body, /^<\?xml version="1\.0" encoding="utf-8"\?><Response><Status>Success<\/Status><ActivationID>[0-9A-F-]{36}<\/ActivationID><\/Response>$/)
    })

    test('custom delimiter, separator and encapsulator shape the namevalue reply', async () => {
      const res = await get(app, { TransactionType: '2304', ...credentials(partner, member), ResponseDelimiter: '|', ResponseSeparator: ':', ResponseEncapsulator: '"' })
      assert.match(res.body, /^Status:"Success"\|ActivationID:"[0-9A-F-]{36}"$/)
      const crlf = await app.http.inject({ method: 'GET', url: `${ENDPOINT}?${query({ TransactionType: '2304', ...credentials(partner, member) })}&ResponseDelimiter=%0D%0A` })
      assert.match(crlf.body, /^Status=Success\r\nActivationID=[0-9A-F-]{36}$/)
    })

    test('failures are rendered in the requested format too', async () => {
      const res = await get(app, { TransactionType: '4242', ResponseFormat: 'json' })
      assert.deepEqual(res.json(), { Status: 'Failure', ErrorCode: '1006', ErrorMessage: 'Unknown transaction type: 4242' })
    })

    test('an invalid response configuration field is 1005 before anything else, in built-in format', async () => {
      const res = await get(app, { TransactionType: '4242', ResponseDelimiter: 'ab' })
      assert.equal(res.statusCode, 200)
      assert.equal(res.body, 'Status=Failure&ErrorCode=1005&ErrorMessage=Invalid%20value%20for%20field%3A%20ResponseDelimiter')
      const json = await get(app, { ResponseFormat: 'json', ResponseSeparator: '&' })
      assert.deepEqual(json.json(), { Status: 'Failure', ErrorCode: '1005', ErrorMessage: 'Invalid value for field: ResponseSeparator' })
    })

    test('partner reply defaults apply once the partner is known, request fields beat them', async () => {
      const p = await app.reseller()
      await updateResellerSettings(app.core, p.id, { packeteraReply: { format: 'json' } })
      const m = await addMember(app, { ...p }, { ResponseFormat: 'namevalue' })
      const res = await get(app, { TransactionType: '2304', ...credentials(p, m) })
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.equal(res.json().Status, 'Success')
      const overridden = await get(app, { TransactionType: '2304', ...credentials(p, m), ResponseFormat: 'xml' })
      assert.equal(overridden.headers['content-type'], 'application/xml; charset=utf-8')
      // Before the partner is known (bad key) the built-in defaults apply.
      const early = await get(app, { TransactionType: '2304', ...credentials({ ...p, apiKey: 'wrong' }, m) })
      assert.equal(early.body, 'Status=Failure&ErrorCode=1001&ErrorMessage=Invalid%20web%20user%20credentials')
    })

    test('stored reply defaults are validated, and clearing them restores the built-ins', async () => {
      const p = await app.reseller()
      const m = await addMember(app, p)
      await assert.rejects(setPacketeraReplyDefaults(app.core, p.id, { delimiter: 'abc' }))
      await setPacketeraReplyDefaults(app.core, p.id, { delimiter: '|', separator: ':', encapsulator: '"' })
      const res = await get(app, { TransactionType: '2304', ...credentials(p, m) })
      assert.match(res.body, /^Status:"Success"\|ActivationID:"[0-9A-F-]{36}"$/)
      await setPacketeraReplyDefaults(app.core, p.id, null)
      assert.match((await get(app, { TransactionType: '2304', ...credentials(p, m) })).body, /^Status=Success&ActivationID=[0-9A-F-]{36}$/)
    })

    test('TransactionType must be a §6 code (1006), and is required without ActivationId (1003)', async () => {
      assert.equal(replyOf((await get(app, { TransactionType: 'abc' })).body).ErrorMessage, 'Unknown transaction type: abc')
      assert.equal(replyOf((await get(app, { TransactionType: '1101x', ...credentials(partner) })).body).ErrorCode, '1006')
      assert.equal((await get(app, credentials(partner, member))).body, 'Status=Failure&ErrorCode=1003&ErrorMessage=Missing%20required%20field%3A%20TransactionType')
      assert.equal(replyOf((await get(app, { TransactionType: ' ', ...credentials(partner, member) })).body).ErrorMessage, 'Missing required field: TransactionType')
    })

    test('mandatory fields are checked in §2.1 order, presence then length, field by field', async () => {
      const all = credentials(partner, member)
      const cases: [Record<string, string>, string, string][] = [
        [{}, '1003', 'Missing required field: WebUserName'],
        [{ WebUserName: 'x'.repeat(21) }, '1004', 'Field too long: WebUserName (maximum 20 characters)'],
        [{ WebUserName: all.WebUserName! }, '1003', 'Missing required field: WebUserPassword'],
        [{ WebUserName: all.WebUserName!, WebUserPassword: 'k'.repeat(21) }, '1004', 'Field too long: WebUserPassword (maximum 20 characters)'],
        [{ WebUserName: all.WebUserName!, WebUserPassword: all.WebUserPassword! }, '1003', 'Missing required field: UserEmail'],
        [{ ...all, UserEmail: `${'e'.repeat(25)}@x.com` }, '1004', 'Field too long: UserEmail (maximum 30 characters)'],
        [{ ...all, UserPassword: '' }, '1003', 'Missing required field: UserPassword'],
        [{ ...all, UserPassword: 'p'.repeat(31) }, '1004', 'Field too long: UserPassword (maximum 30 characters)'],
        [{ WebUserName: 'x'.repeat(21), UserPassword: 'p'.repeat(31) }, '1004', 'Field too long: WebUserName (maximum 20 characters)'],
      ]
      for (const [fields, code, message] of cases) {
        const r = replyOf((await get(app, { TransactionType: '1303', ...fields })).body)
        assert.deepEqual([r.Status, r.ErrorCode, r.ErrorMessage], ['Failure', code, message], JSON.stringify(fields))
      }
    })

    test('lengths are counted in Unicode characters', async () => {
      const r = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner), UserEmail: '😀'.repeat(30), UserPassword: 'x' })).body)
      assert.equal(r.ErrorCode, '1002', '30 emoji are 30 characters, within the limit')
    })

    test('a wrong key, an unknown web user, another partner\'s key, a disabled partner are all 1001', async () => {
      const disabled = await app.reseller()
      await setResellerEnabled(app.core, disabled.id, false)
      const notEnabled = await app.reseller({ dialects: ['porta'] })
      for (const c of [
        { ...credentials(partner, member), WebUserPassword: 'wrongwrongwrongwrong' },
        { ...credentials(partner, member), WebUserName: 'nobody' },
        { ...credentials(partner, member), WebUserPassword: other.apiKey },
        credentials(disabled, member),
        credentials(notEnabled, member),
      ]) {
        const r = replyOf((await get(app, { TransactionType: '1303', ...c })).body)
        assert.deepEqual([r.ErrorCode, r.ErrorMessage], ['1001', 'Invalid web user credentials'])
      }
    })

    test('a wrong member password or unknown email is 1002', async () => {
      for (const m of [{ ...member, password: 'not-it' }, { ...member, email: 'ghost@example.com' }, { ...member, email: member.memberId }]) {
        const r = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, m) })).body)
        assert.deepEqual([r.ErrorCode, r.ErrorMessage], ['1002', 'Invalid member credentials'])
      }
    })

    test('a member of partner A is unreachable with partner B\'s credentials', async () => {
      for (const code of ['1303', '2302', '2304', '1201']) {
        const r = replyOf((await get(app, { TransactionType: code, ...credentials(other, member), FirstName: 'Hacked' })).body)
        assert.equal(r.ErrorCode, '1002', code)
      }
      const r = replyOf((await get(app, profile())).body)
      assert.equal(r.FirstName, 'Ada')
    })

    test('a login of the partner that is no customer\'s is 1002; a customer signed up in another dialect is a member (#12)', async () => {
      await app.user(partner.id, { username: 'staff-login', email: 'staff@example.com', password: 'staff-pw' })
      const staff = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, { email: 'staff@example.com', password: 'staff-pw' }) })).body)
      assert.equal(staff.ErrorCode, '1002')
      const { customer } = await signUpCustomer(app.core, resellerActor(partner.id), { profile: { name: 'Plain' }, login: { email: 'plain@example.com', password: 'plain-pw' } })
      const plain = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, { email: 'plain@example.com', password: 'plain-pw' }) })).body)
      assert.deepEqual([plain.Status, plain.MemberID, plain.FirstName, plain.Active, plain.PhoneCount], ['Success', String(customer.id), 'Plain', 'Yes', '0'])
    })

    test('an inactive member may run only 2302, 2304 and 1303 (1009 otherwise)', async () => {
      const m = await addMember(app, partner)
      for (const code of ['1303', '2302', '2304']) {
        assert.equal(replyOf((await get(app, { TransactionType: code, ...credentials(partner, m) })).body).Status, 'Success', code)
      }
      for (const code of ['1201', '1202']) {
        const r = replyOf((await get(app, { TransactionType: code, ...credentials(partner, m), FirstName: 'X' })).body)
        assert.deepEqual([r.ErrorCode, r.ErrorMessage], ['1009', 'Member account is not active'], code)
      }
    })
  })
}
