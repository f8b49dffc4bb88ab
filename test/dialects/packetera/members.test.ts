import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addMember, credentials, get, GUID, pairsOf, replyOf, type Partner } from './packetera-client.ts'

async function rowCounts(app: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const t of ['customers', 'users', 'accounts', 'click_to_call_members', 'member_phones', 'web_buttons']) {
    const r = await app.core.db.execute(sql.raw(`select count(*)::int as n from ${t}`))
    out[t] = Number((r as unknown as { rows: { n: number }[] }).rows[0]!.n)
  }
  return out
}

for (const kind of TEST_DATABASES) {
  describe(`Packetera member transactions (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    let other: Partner
    before(async () => {
      app = await startTestApp(kind)
      partner = await app.reseller()
      other = await app.reseller()
    })
    after(async () => { await app.stop() })

    const card = (fields: Record<string, string>) => ({
      TransactionType: '1101', ...credentials(partner, { email: 'new.member@example.com', password: 'secret-pw' }),
      FirstName: 'Grace', LastName: 'Hopper', PhoneNumber: '987-654-3210', Corporate: 'No', ...fields,
    })

    test('AddNewCard creates an inactive member and answers MemberID, Active=No, DefaultButtonGUID', async () => {
      const res = await get(app, card({ UserEmail: 'grace@example.com' }))
      assert.equal(res.statusCode, 200)
      const pairs = pairsOf(res.body)
      assert.deepEqual(pairs.map(([n]) => n), ['Status', 'MemberID', 'Active', 'DefaultButtonGUID'])
      assert.equal(pairs[0]![1], 'Success')
      assert.match(pairs[1]![1], /^[1-9][0-9]*$/)
      assert.equal(pairs[2]![1], 'No')
      assert.match(pairs[3]![1], GUID)
    })

    test('the spec sample URL, with its stray space before FirstName, creates a member', async () => {
      const url = `/packetera/cbc_APIs.aspx?TransactionType=1101&WebUserName=${partner.username}&WebUserPassword=${partner.apiKey}` +
        '&UserEmail=testuser@packetera.com&UserPassword=testuser& FirstName=testuser&LastName=testuser&PhoneNumber=9867657657' +
        '&Corporate=NO&ReferBy=ALLUS&Country=canada&State=british columbia&City=vancouver'
      const r = replyOf((await app.http.inject({ method: 'GET', url })).body)
      assert.equal(r.Status, 'Success')
      const p = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, { email: 'testuser@packetera.com', password: 'testuser' }) })).body)
      assert.equal(p.State, 'british columbia')
      assert.equal(p.DefaultPhoneNumber, '9867657657')
    })

    test('GetMemberProfile answers every pair in §6 order with phones and buttons', async () => {
      const m = await addMember(app, partner, {
        FirstName: 'Alan', LastName: 'Turing', PhoneNumber: '+44 (20) 7946.0958', Corporate: 'yes', CompanyName: 'Bletchley',
        Company_URL: 'https://bletchley.example', ReferBy: 'a friend', Country: 'UK', State: 'England', City: 'London',
      })
      const res = await get(app, { TransactionType: '1303', ...credentials(partner, m) })
      assert.deepEqual(pairsOf(res.body), [
        ['Status', 'Success'], ['MemberID', m.memberId], ['UserEmail', m.email], ['FirstName', 'Alan'], ['LastName', 'Turing'],
        ['Corporate', 'Yes'], ['CompanyName', 'Bletchley'], ['Company_URL', 'https://bletchley.example'], ['ReferBy', 'a friend'],
        ['Country', 'UK'], ['State', 'England'], ['City', 'London'], ['Active', 'No'],
        ['DefaultPhoneNumber', '+442079460958'], ['DefaultButtonGUID', m.buttonGuid],
        ['PhoneCount', '1'], ['PhoneNumber1', '+442079460958'], ['PhoneName1', 'Default'],
        ['ButtonCount', '1'], ['ButtonGUID1', m.buttonGuid], ['ButtonName1', 'Default'],
      ])
    })

    test('empty profile fields appear with empty values; Corporate accepts true/false', async () => {
      const m = await addMember(app, partner, { Corporate: 'FALSE' })
      const r = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, m) })).body)
      assert.equal(r.Corporate, 'No')
      assert.equal(r.CompanyName, '')
      assert.equal(r.City, '')
      const t = await addMember(app, partner, { Corporate: 'True', CompanyName: 'Acme', Company_URL: 'acme.example' })
      assert.equal(replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, t) })).body).Corporate, 'Yes')
    })

    test('AddNewCard validates the new login first, then each field in §6 order', async () => {
      const cases: [Record<string, string>, string, string][] = [
        [{ UserEmail: 'not-an-email', FirstName: '' }, '1005', 'Invalid value for field: UserEmail'],
        [{ UserEmail: 'a@nodot' }, '1005', 'Invalid value for field: UserEmail'],
        [{ UserEmail: 'a b@x.com' }, '1005', 'Invalid value for field: UserEmail'],
        [{ UserPassword: 'five5', FirstName: '' }, '1005', 'Invalid value for field: UserPassword'],
        [{ FirstName: '', PhoneNumber: 'bad' }, '1003', 'Missing required field: FirstName'],
        [{ FirstName: 'F'.repeat(21) }, '1004', 'Field too long: FirstName (maximum 20 characters)'],
        [{ FirstName: 'Bad\u0007Name' }, '1005', 'Invalid value for field: FirstName'],
        [{ LastName: '' }, '1003', 'Missing required field: LastName'],
        [{ LastName: 'L'.repeat(21) }, '1004', 'Field too long: LastName (maximum 20 characters)'],
        [{ PhoneNumber: '' }, '1003', 'Missing required field: PhoneNumber'],
        [{ PhoneNumber: '1'.repeat(21) }, '1004', 'Field too long: PhoneNumber (maximum 20 characters)'],
        [{ PhoneNumber: '12345' }, '1005', 'Invalid value for field: PhoneNumber'],
        [{ PhoneNumber: '1234567890123456' }, '1005', 'Invalid value for field: PhoneNumber'],
        [{ PhoneNumber: '555-CALL-NOW' }, '1005', 'Invalid value for field: PhoneNumber'],
        [{ Corporate: '' }, '1003', 'Missing required field: Corporate'],
        [{ Corporate: 'maybe' }, '1005', 'Invalid value for field: Corporate'],
        [{ Corporate: 'Yes' }, '1003', 'Missing required field: CompanyName'],
        [{ Corporate: 'Yes', CompanyName: 'C'.repeat(21) }, '1004', 'Field too long: CompanyName (maximum 20 characters)'],
        [{ Corporate: 'Yes', CompanyName: 'Acme' }, '1003', 'Missing required field: Company_URL'],
        [{ Corporate: 'No', Company_URL: 'u'.repeat(51) }, '1004', 'Field too long: Company_URL (maximum 50 characters)'],
        [{ ReferBy: 'r'.repeat(51) }, '1004', 'Field too long: ReferBy (maximum 50 characters)'],
        [{ Country: 'c'.repeat(51) }, '1004', 'Field too long: Country (maximum 50 characters)'],
        [{ State: 's'.repeat(51) }, '1004', 'Field too long: State (maximum 50 characters)'],
        [{ City: 'c'.repeat(21) }, '1004', 'Field too long: City (maximum 20 characters)'],
      ]
      const before = await rowCounts(app)
      for (const [fields, code, message] of cases) {
        const r = replyOf((await get(app, card(fields))).body)
        assert.deepEqual([r.Status, r.ErrorCode, r.ErrorMessage], ['Failure', code, message], JSON.stringify(fields))
      }
      assert.deepEqual(await rowCounts(app), before, 'nothing written by a refused AddNewCard')
    })

    test('a name of 20 emoji is 20 characters and accepted', async () => {
      const r = replyOf((await get(app, card({ UserEmail: 'emoji@example.com', FirstName: '😀'.repeat(20) }))).body)
      assert.equal(r.Status, 'Success')
    })

    test('a duplicate UserEmail in the partner is 1008 (any case) and writes nothing; another partner may reuse it', async () => {
      const m = await addMember(app, partner)
      const before = await rowCounts(app)
      const r = replyOf((await get(app, card({ UserEmail: m.email.toUpperCase() }))).body)
      assert.deepEqual([r.ErrorCode, r.ErrorMessage], ['1008', 'Member already exists'])
      assert.deepEqual(await rowCounts(app), before)
      const elsewhere = replyOf((await get(app, { ...card({ UserEmail: m.email }), ...credentials(other, { email: m.email, password: 'other-pw' }) })).body)
      assert.equal(elsewhere.Status, 'Success')
    })

    test('two AddNewCards racing for one email create one member', async () => {
      const fields = card({ UserEmail: 'race@example.com' })
      const replies = await Promise.all([get(app, fields), get(app, fields), get(app, fields)])
      const codes = replies.map((res) => replyOf(res.body).ErrorCode ?? 'ok').sort()
      assert.deepEqual(codes, ['1008', '1008', 'ok'])
    })

    test('AddNewCard with bad partner credentials is 1001 and creates nothing', async () => {
      const before = await rowCounts(app)
      const r = replyOf((await get(app, { ...card({}), WebUserPassword: 'wrong' })).body)
      assert.equal(r.ErrorCode, '1001')
      assert.deepEqual(await rowCounts(app), before)
    })

    test('UpdateMemberProfile (1201 and 1202) changes the names of an active member', async () => {
      const m = await addMember(app, partner)
      await get(app, { ActivationId: (replyOf((await get(app, { TransactionType: '2304', ...credentials(partner, m) })).body)).ActivationID! })
      const r = replyOf((await get(app, { TransactionType: '1201', ...credentials(partner, m), FirstName: 'Augusta' })).body)
      assert.deepEqual(r, { Status: 'Success', MemberID: m.memberId })
      await get(app, { TransactionType: '1202', ...credentials(partner, m), LastName: 'King' })
      const none = replyOf((await get(app, { TransactionType: '1202', ...credentials(partner, m) })).body)
      assert.equal(none.Status, 'Success')
      const p = replyOf((await get(app, { TransactionType: '1303', ...credentials(partner, m) })).body)
      assert.deepEqual([p.FirstName, p.LastName], ['Augusta', 'King'])
      const long = replyOf((await get(app, { TransactionType: '1201', ...credentials(partner, m), FirstName: 'x'.repeat(51) })).body)
      assert.deepEqual([long.ErrorCode, long.ErrorMessage], ['1004', 'Field too long: FirstName (maximum 50 characters)'])
      const ok50 = replyOf((await get(app, { TransactionType: '1201', ...credentials(partner, m), LastName: 'y'.repeat(50) })).body)
      assert.equal(ok50.Status, 'Success')
    })
  })
}
