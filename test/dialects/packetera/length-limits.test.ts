import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addActiveMember, credentials, get, replyOf, type Member, type Partner } from './packetera-client.ts'

// Issue 14 point 5: every field of every transaction after AddNewCard (whose fields members.test.ts
// covers) at its §6 length limit and one past it. At the limit the value may still be refused for
// its content (1005, 1007), never for its length; one character more is 1004 naming the field.
// Lengths count Unicode characters (§2): a limit of two-byte characters passes.

type Fields = (m: Member) => Record<string, string>
const LIMITS: [code: string, field: string, max: number, base: Fields][] = [
  ['1201', 'FirstName', 50, () => ({})], ['1201', 'LastName', 50, () => ({})],
  ['1202', 'FirstName', 50, () => ({})], ['1202', 'LastName', 50, () => ({})],
  ['3308', 'ButtonGUID', 40, () => ({})], ['3309', 'ButtonGUID', 40, () => ({})],
  ['3101', 'ButtonName', 20, () => ({})], ['3101', 'PhoneNumber', 20, () => ({})],
  ['3202', 'ButtonGUID', 40, () => ({})], ['3202', 'PhoneNumber', 20, (m) => ({ ButtonGUID: m.buttonGuid })], ['3202', 'ButtonName', 20, (m) => ({ ButtonGUID: m.buttonGuid })],
  ['3210', 'ButtonGUID', 40, () => ({ AttributeName: 'LinkText', AttributeValue: 'x' })],
  ['3210', 'AttributeName', 20, (m) => ({ ButtonGUID: m.buttonGuid, AttributeValue: 'x' })],
  ['3210', 'AttributeValue', 100, (m) => ({ ButtonGUID: m.buttonGuid, AttributeName: 'LinkText' })],
  ['3404', 'ButtonGUID', 40, () => ({})],
  ['4101', 'PhoneNumber', 20, () => ({ PhoneName: 'p' })], ['4101', 'PhoneName', 20, () => ({ PhoneNumber: '5550109999' })],
  ['4202', 'PhoneNumber', 20, () => ({})], ['4202', 'NewPhoneNumber', 20, () => ({ PhoneNumber: '+15550100001' })],
  ['4202', 'NewPhoneName', 20, () => ({ PhoneNumber: '+15550100001' })],
  ['4404', 'PhoneNumber', 20, () => ({})],
  ['5202', 'ButtonGUID', 40, () => ({ AttributeName: 'width', AttributeValue: '400' })],
  ['5202', 'AttributeName', 20, (m) => ({ ButtonGUID: m.buttonGuid, AttributeValue: '400' })],
  ['5202', 'AttributeValue', 100, (m) => ({ ButtonGUID: m.buttonGuid, AttributeName: 'headerimage' })],
  ['5203', 'ButtonGUID', 40, () => ({ TemplateName: 'modern' })], ['5203', 'TemplateName', 20, (m) => ({ ButtonGUID: m.buttonGuid })],
]

for (const kind of TEST_DATABASES) {
  describe(`Packetera field lengths (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    let member: Member
    before(async () => {
      app = await startTestApp(kind)
      partner = await app.reseller()
      member = await addActiveMember(app, partner)
    })
    after(async () => { await app.stop() })

    test('every transaction field passes the length check at its limit and fails it one character past', async () => {
      for (const [code, field, max, base] of LIMITS) {
        const send = async (value: string) => replyOf((await get(app, { TransactionType: code, ...credentials(partner, member), ...base(member), [field]: value })).body)
        for (const at of ['x'.repeat(max), 'é'.repeat(max)]) assert.notEqual((await send(at)).ErrorCode, '1004', `${code} ${field} at ${max}`)
        const past = await send('x'.repeat(max + 1))
        assert.deepEqual([past.ErrorCode, past.ErrorMessage], ['1004', `Field too long: ${field} (maximum ${max} characters)`], `${code} ${field}`)
      }
    })
  })
}
