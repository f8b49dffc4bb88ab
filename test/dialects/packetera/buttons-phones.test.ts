import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addActiveMember, addMember, credentials, get, GUID, replyOf, type Member, type Partner } from './packetera-client.ts'

for (const kind of TEST_DATABASES) {
  describe(`Packetera phones, web buttons, teleforms and publish code (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    let other: Partner
    before(async () => {
      app = await startTestApp(kind, { publicBaseUrl: 'https://sb.example.com' })
      partner = await app.reseller()
      other = await app.reseller()
    })
    after(async () => { await app.stop() })

    const tx = async (m: Member, code: string, fields: Record<string, string> = {}, p: Partner = partner) =>
      replyOf((await get(app, { TransactionType: code, ...credentials(p, m), ...fields })).body)
    const fail = (r: Record<string, string>) => [r.ErrorCode, r.ErrorMessage]

    test('every §6 transaction is recognised, and refused with 1009 for an inactive member', async () => {
      const m = await addMember(app, partner)
      for (const code of ['3307', '3305', '3306', '3308', '3309', '3101', '3202', '3210', '3404', '4101', '4202', '4404', '5202', '5203']) {
        assert.deepEqual(fail(await tx(m, code)), ['1009', 'Member account is not active'], code)
      }
    })

    test('phones: add (normalised), duplicate 1008, update, delete rules and 1303 listing in creation order', async () => {
      const m = await addActiveMember(app, partner, { PhoneNumber: '555 010 0001' })
      assert.deepEqual(await tx(m, '4101', { PhoneNumber: '(555) 010-0002', PhoneName: 'Office' }), { Status: 'Success', PhoneNumber: '5550100002', PhoneName: 'Office' })
      assert.deepEqual(fail(await tx(m, '4101', { PhoneNumber: '555.010.0002', PhoneName: 'Again' })), ['1008', 'Phone number already exists'])
      assert.deepEqual(fail(await tx(m, '4101', { PhoneNumber: '12', PhoneName: 'x' })), ['1005', 'Invalid value for field: PhoneNumber'])
      assert.deepEqual(fail(await tx(m, '4101', { PhoneNumber: '5550100003' })), ['1003', 'Missing required field: PhoneName'])
      assert.deepEqual(fail(await tx(m, '4101', { PhoneNumber: '5550100003', PhoneName: 'n'.repeat(21) })), ['1004', 'Field too long: PhoneName (maximum 20 characters)'])
      assert.deepEqual(await tx(m, '4202', { PhoneNumber: '5550100002', NewPhoneNumber: '+1 555 010 0009', NewPhoneName: 'Desk' }),
        { Status: 'Success', PhoneNumber: '+15550100009', PhoneName: 'Desk' })
      assert.deepEqual(fail(await tx(m, '4202', { PhoneNumber: '5550100002', NewPhoneName: 'x' })), ['1007', 'Phone number not found'])
      assert.deepEqual(fail(await tx(m, '4202', { PhoneNumber: '+15550100009', NewPhoneNumber: '5550100001' })), ['1008', 'Phone number already exists'])
      assert.deepEqual(fail(await tx(m, '4202', { PhoneNumber: '+15550100009', NewPhoneNumber: 'abc' })), ['1005', 'Invalid value for field: NewPhoneNumber'])
      const p = await tx(m, '1303')
      assert.deepEqual([p.PhoneCount, p.PhoneNumber1, p.PhoneName1, p.PhoneNumber2, p.PhoneName2], ['2', '5550100001', 'Default', '+15550100009', 'Desk'])
      assert.deepEqual(fail(await tx(m, '4404', { PhoneNumber: '5550100001' })), ['1010', 'Cannot delete the default phone number'])
      assert.deepEqual(fail(await tx(m, '4404', { PhoneNumber: '5550100077' })), ['1007', 'Phone number not found'])
      assert.deepEqual(await tx(m, '4404', { PhoneNumber: '+1 (555) 010-0009' }), { Status: 'Success', PhoneNumber: '+15550100009' })
      assert.equal((await tx(m, '1303')).PhoneCount, '1')
    })

    test('web buttons: add, update, attributes, delete rules, and the phone they use cannot be deleted', async () => {
      const m = await addActiveMember(app, partner)
      await tx(m, '4101', { PhoneNumber: '5550100100', PhoneName: 'Sales' })
      const added = await tx(m, '3101')
      assert.match(added.ButtonGUID!, GUID)
      const named = await tx(m, '3101', { ButtonName: 'Sales line', PhoneNumber: '555-010-0100' })
      assert.deepEqual(fail(await tx(m, '3101', { PhoneNumber: '5550109999' })), ['1007', 'Phone number not found'])
      const p = await tx(m, '1303')
      assert.deepEqual([p.ButtonCount, p.ButtonGUID1, p.ButtonName1, p.ButtonName2, p.ButtonGUID3, p.ButtonName3],
        ['3', m.buttonGuid, 'Default', 'Web Button', named.ButtonGUID, 'Sales line'])
      assert.deepEqual(fail(await tx(m, '4404', { PhoneNumber: '5550100100' })), ['1010', 'Phone number is in use by a web button'])

      assert.deepEqual(await tx(m, '3202', { ButtonGUID: added.ButtonGUID!.toLowerCase(), ButtonName: 'Renamed', PhoneNumber: '5550100100' }),
        { Status: 'Success', ButtonGUID: added.ButtonGUID, ButtonName: 'Renamed', PhoneNumber: '5550100100' })
      assert.deepEqual(fail(await tx(m, '3202', {})), ['1003', 'Missing required field: ButtonGUID'])
      assert.deepEqual(fail(await tx(m, '3202', { ButtonGUID: 'nope' })), ['1005', 'Invalid value for field: ButtonGUID'])
      assert.deepEqual(fail(await tx(m, '3202', { ButtonGUID: '00000000-0000-0000-0000-000000000000' })), ['1007', 'Button not found'])

      const attr = (name: string, value?: string) => tx(m, '3210', { ButtonGUID: added.ButtonGUID!, AttributeName: name, ...(value === undefined ? {} : { AttributeValue: value }) })
      assert.deepEqual(await attr('type', '2'), { Status: 'Success', ButtonGUID: added.ButtonGUID, AttributeName: 'Type', AttributeValue: '2' })
      assert.deepEqual(fail(await attr('Type', '3')), ['1005', 'Invalid value for field: AttributeValue'])
      assert.equal((await attr('url', 'https://img.example.com/b.png')).AttributeValue, 'https://img.example.com/b.png')
      assert.deepEqual(fail(await attr('URL', 'ftp://x')), ['1005', 'Invalid value for field: AttributeValue'])
      assert.equal((await attr('LinkText', 'Ring me')).AttributeValue, 'Ring me')
      assert.equal((await attr('LinkText')).AttributeValue, 'Call me')
      assert.equal((await attr('ToolTips')).AttributeValue, '')
      assert.deepEqual(fail(await attr('Colour', 'x')), ['1005', 'Invalid value for field: AttributeName'])
      assert.deepEqual(fail(await tx(m, '3210', { ButtonGUID: added.ButtonGUID! })), ['1003', 'Missing required field: AttributeName'])
      assert.deepEqual(fail(await attr('LinkText', 'x'.repeat(101))), ['1004', 'Field too long: AttributeValue (maximum 100 characters)'])

      assert.deepEqual(fail(await tx(m, '3404', { ButtonGUID: m.buttonGuid })), ['1010', 'Cannot delete the default button'])
      assert.deepEqual(await tx(m, '3404', { ButtonGUID: named.ButtonGUID! }), { Status: 'Success', ButtonGUID: named.ButtonGUID })
      assert.deepEqual(fail(await tx(m, '3404', { ButtonGUID: named.ButtonGUID! })), ['1007', 'Button not found'])
    })

    test('teleform attributes and templates', async () => {
      const m = await addActiveMember(app, partner)
      const g = m.buttonGuid
      const tf = (name: string, value?: string) => tx(m, '5202', { ButtonGUID: g, AttributeName: name, ...(value === undefined ? {} : { AttributeValue: value }) })
      assert.deepEqual(await tf('WIDTH', '500'), { Status: 'Success', ButtonGUID: g, AttributeName: 'width', AttributeValue: '500' })
      assert.deepEqual(fail(await tf('width', '199')), ['1005', 'Invalid value for field: AttributeValue'])
      assert.deepEqual(fail(await tf('height', '1201')), ['1005', 'Invalid value for field: AttributeValue'])
      assert.equal((await tf('backgroundcolor', 'abc')).AttributeValue, '#ABC')
      assert.equal((await tf('backgroundcolour', '#12ab3c')).AttributeName, 'backgroundcolour')
      assert.deepEqual(fail(await tf('backgroundcolour', 'red')), ['1005', 'Invalid value for field: AttributeValue'])
      assert.equal((await tf('headerimage', 'http://img.example.com/h.png')).AttributeValue, 'http://img.example.com/h.png')
      assert.deepEqual(fail(await tf('footerimage', 'javascript:alert(1)')), ['1005', 'Invalid value for field: AttributeValue'])
      assert.equal((await tf('height')).AttributeValue, '350', 'an empty value resets to the template default')
      assert.deepEqual(fail(await tf('depth', '1')), ['1005', 'Invalid value for field: AttributeName'])

      assert.deepEqual(await tx(m, '5203', { ButtonGUID: g, TemplateName: 'DARK' }), { Status: 'Success', ButtonGUID: g, TemplateID: '4', TemplateName: 'dark' })
      assert.deepEqual(await tx(m, '5202', { ButtonGUID: g, TemplateID: '2' }), { Status: 'Success', ButtonGUID: g, TemplateID: '2', TemplateName: 'modern' })
      assert.equal((await tf('width')).AttributeValue, '420', 'the new template applies to reset attributes')
      assert.deepEqual(fail(await tx(m, '5203', { ButtonGUID: g })), ['1003', 'Missing required field: TemplateName'])
      assert.deepEqual(fail(await tx(m, '5203', { ButtonGUID: g, TemplateID: '9' })), ['1007', 'Template not found'])
      assert.deepEqual(fail(await tx(m, '5203', { ButtonGUID: g, TemplateName: 'fancy' })), ['1007', 'Template not found'])
      assert.deepEqual(fail(await tx(m, '5203', { ButtonGUID: g, TemplateID: '1', TemplateName: 'dark' })), ['1005', 'Invalid value for field: TemplateName'])
      assert.equal((await tx(m, '5203', { ButtonGUID: g, TemplateID: '3', TemplateName: 'Compact' })).TemplateName, 'compact')
      assert.deepEqual(fail(await tx(m, '5202', { ButtonGUID: g })), ['1003', 'Missing required field: AttributeName'])
    })

    test('publish code and teleform URL follow spec §7 exactly', async () => {
      const m = await addActiveMember(app, partner)
      const T = `https://sb.example.com/packetera/teleform/${m.buttonGuid}`
      assert.deepEqual(await tx(m, '3307'), { Status: 'Success', ButtonGUID: m.buttonGuid, TeleformURL: T })
      assert.equal((await tx(m, '3305')).PublishCode, `<a href="${T}" target="_blank" rel="noopener" title="Click to request a free callback">Call me</a>`)
      assert.equal((await tx(m, '3306')).PublishCode, `<script src="https://sb.example.com/packetera/button.js" data-button="${m.buttonGuid}" async></script>`)
      const b = (await tx(m, '3101')).ButtonGUID!
      await tx(m, '3210', { ButtonGUID: b, AttributeName: 'LinkText', AttributeValue: 'Tom & "Jerry" <3' })
      await tx(m, '3210', { ButtonGUID: b, AttributeName: 'ToolTips', AttributeValue: "It's free" })
      const Tb = `https://sb.example.com/packetera/teleform/${b}`
      assert.equal((await tx(m, '3308', { ButtonGUID: b })).PublishCode,
        `<a href="${Tb}" target="_blank" rel="noopener" title="It&#39;s free">Tom &amp; &quot;Jerry&quot; &lt;3</a>`)
      await tx(m, '3210', { ButtonGUID: b, AttributeName: 'Type', AttributeValue: '2' })
      assert.equal((await tx(m, '3308', { ButtonGUID: b })).PublishCode,
        `<a href="${Tb}" target="_blank" rel="noopener" title="It&#39;s free">Tom &amp; &quot;Jerry&quot; &lt;3</a>`, 'type 2 without URL is a text link')
      await tx(m, '3210', { ButtonGUID: b, AttributeName: 'URL', AttributeValue: 'https://img.example.com/b.gif' })
      assert.equal((await tx(m, '3308', { ButtonGUID: b })).PublishCode,
        `<a href="${Tb}" target="_blank" rel="noopener" title="It&#39;s free"><img src="https://img.example.com/b.gif" alt="Tom &amp; &quot;Jerry&quot; &lt;3" style="border:0"></a>`)
      assert.equal((await tx(m, '3309', { ButtonGUID: b })).PublishCode, `<script src="https://sb.example.com/packetera/button.js" data-button="${b}" async></script>`)
      assert.deepEqual(fail(await tx(m, '3308')), ['1003', 'Missing required field: ButtonGUID'])
    })

    test('another member\'s buttons and phones are not found; another partner cannot reach them at all', async () => {
      const a = await addActiveMember(app, partner, { PhoneNumber: '5550200001' })
      const b = await addActiveMember(app, partner, { PhoneNumber: '5550200002' })
      assert.deepEqual(fail(await tx(b, '3308', { ButtonGUID: a.buttonGuid })), ['1007', 'Button not found'])
      assert.deepEqual(fail(await tx(b, '3210', { ButtonGUID: a.buttonGuid, AttributeName: 'LinkText', AttributeValue: 'x' })), ['1007', 'Button not found'])
      assert.deepEqual(fail(await tx(b, '5203', { ButtonGUID: a.buttonGuid, TemplateID: '2' })), ['1007', 'Button not found'])
      assert.deepEqual(fail(await tx(b, '3101', { PhoneNumber: '5550200001' })), ['1007', 'Phone number not found'])
      assert.deepEqual(fail(await tx(b, '4202', { PhoneNumber: '5550200001', NewPhoneName: 'x' })), ['1007', 'Phone number not found'])
      assert.deepEqual(fail(await tx(a, '3308', { ButtonGUID: a.buttonGuid }, other)), ['1002', 'Invalid member credentials'])
      const profile = await tx(a, '1303')
      assert.deepEqual([profile.ButtonCount, profile.PhoneCount], ['1', '1'])
    })
  })
}
