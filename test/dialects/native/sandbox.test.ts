import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'

for (const kind of TEST_DATABASES) {
  describe(`native API: the sandbox gateway's log and inbound entry, campaign pace (${kind})`, () => {
    let app: TestApp
    let admin: string
    let owner: { id: number; username: string; password: string }
    let ownerAuth: string
    const inject = (method: string, url: string, auth: string, payload?: unknown) =>
      app.http.inject({ method: method as 'POST', url, headers: { authorization: auth }, payload: payload as object })

    before(async () => {
      app = await startTestApp(kind, {}, { dispatch: true })
      const root = await app.user(null, { roles: ['admin', 'user'] })
      admin = basic(root.username, root.password)
      owner = await app.user(null)
      ownerAuth = basic(owner.username, owner.password)
      // An account of `owner` with a phone and an email, subscribed to receivesms and receiveemail.
      const account = (await inject('POST', '/api/accounts', admin, { username: 'inbox', phone: '+15559990000', email: 'inbox@example.com' })).json() as number
      assert.equal((await inject('PUT', `/api/accounts/${account}/users/${owner.id}`, admin)).statusCode, 200)
      for (const type of ['receivesms', 'receiveemail']) {
        const res = await inject('PUT', `/api/accounts/${account}/programs/${type}`, ownerAuth)
        assert.equal(res.statusCode, 200, res.body)
      }
    })
    after(() => app.stop())

    test('an inbound SMS runs the subscribed receivesms program: new contact, text message, completed inbound transmission', async () => {
      const res = await inject('POST', '/native/sandbox/inbound', admin, { service: 'sms', from: '+1 555 123 0000', to: '+15559990000', text: 'STOP' })
      assert.equal(res.statusCode, 201, res.body)
      const { transmissionId } = res.json() as { transmissionId: number }
      const t = (await inject('GET', `/api/transmissions/${transmissionId}`, ownerAuth)).json() as Record<string, unknown>
      assert.equal(t.direction, 'inbound')
      assert.equal(t.status, 'completed')
      assert.equal(t.program_type, 'receivesms')
      assert.equal(t.contact_phone, '+15551230000')
      const results = (await inject('GET', `/api/transmissions/${transmissionId}/result`, ownerAuth)).json() as { type: string; name: string; data: string }[]
      const byName = Object.fromEntries(results.map((r) => [`${r.type}/${r.name}`, r.data]))
      assert.equal(byName['application/sms_receive'], 'success')
      assert.equal(byName['contact/contact_new'], String(t.contact_id))
      const text = (await inject('GET', `/api/messages/texts/${byName['message/text']}`, ownerAuth)).json() as { data: string }
      assert.equal(text.data, 'STOP')
    })

    test('a second SMS from the same sender reuses the contact (no contact_new row)', async () => {
      const first = (await inject('POST', '/native/sandbox/inbound', admin, { service: 'sms', from: '+15551231111', to: '+15559990000', text: 'one' })).json() as { transmissionId: number }
      const second = (await inject('POST', '/native/sandbox/inbound', admin, { service: 'sms', from: '+15551231111', to: '+15559990000', text: 'two' })).json() as { transmissionId: number }
      const contactOf = async (id: number) => ((await inject('GET', `/api/transmissions/${id}`, ownerAuth)).json() as { contact_id: number }).contact_id
      assert.equal(await contactOf(first.transmissionId), await contactOf(second.transmissionId))
      const results = (await inject('GET', `/api/transmissions/${second.transmissionId}/result`, ownerAuth)).json() as { type: string }[]
      assert.ok(!results.some((r) => r.type === 'contact'))
    })

    test('an inbound email runs receiveemail and stores the message as a template', async () => {
      const res = await inject('POST', '/native/sandbox/inbound', admin, { service: 'email', from: 'Jane@Example.com', to: 'INBOX@example.com', subject: 'Hello', text: 'Body text' })
      assert.equal(res.statusCode, 201, res.body)
      const { transmissionId } = res.json() as { transmissionId: number }
      const results = (await inject('GET', `/api/transmissions/${transmissionId}/result`, ownerAuth)).json() as { type: string; name: string; data: string }[]
      const template = results.find((r) => r.type === 'message' && r.name === 'template')!
      const body = (await inject('GET', `/api/messages/templates/${template.data}`, ownerAuth)).json() as { subject: string; body: string }
      assert.deepEqual([body.subject, body.body], ['Hello', 'Body text'])
    })

    test('inbound to an unknown recipient is 404 and to a bad address 400 naming the field; nothing is stored', async () => {
      const before = ((await inject('GET', '/api/transmissions', admin)).json() as unknown[]).length
      const unknown = await inject('POST', '/native/sandbox/inbound', admin, { service: 'sms', from: '+15551232222', to: '+15550000001', text: 'x' })
      assert.equal(unknown.statusCode, 404)
      const bad = await inject('POST', '/native/sandbox/inbound', admin, { service: 'sms', from: 'not a phone', to: '+15559990000', text: 'x' })
      assert.equal(bad.statusCode, 400)
      assert.equal((bad.json() as { field: string }).field, 'from')
      assert.equal(((await inject('GET', '/api/transmissions', admin)).json() as unknown[]).length, before)
    })

    test('the sandbox log lists every send with its spool and transmission; only platform admins may read it', async () => {
      assert.equal((await inject('POST', '/api/providers', admin, { name: 'sandbox', type: 'sandbox' })).statusCode, 200)
      const contact = (await inject('POST', '/api/contacts', admin, { phone: '+15554440000' })).json() as number
      const text = (await inject('POST', '/api/messages/texts', admin, { name: 't', data: 'hi' })).json() as number
      const program = (await inject('POST', '/api/programs/sendsms', admin, { text_id: text })).json() as number
      const transmission = (await inject('POST', '/api/transmissions', admin, { contact_id: contact, program_id: program, account_id: 1 })).json() as number
      const spool = (await inject('POST', `/api/transmissions/${transmission}/send`, admin)).json() as number
      type Send = { spoolId: number; transmissionId: number; destination: string; contentRef: string }
      const sends = await until('the send to reach the sandbox log', async () => (await inject('GET', `/native/sandbox/sends?transmissionId=${transmission}`, admin)).json() as Send[], (s) => s.length > 0)
      assert.deepEqual(sends.map((s) => [s.spoolId, s.transmissionId, s.destination, s.contentRef]), [[spool, transmission, '+15554440000', `text:${text}`]])
      assert.equal((await inject('GET', '/native/sandbox/sends', ownerAuth)).statusCode, 403)
      assert.deepEqual((await inject('GET', '/native/sandbox/sends?campaignId=999999', admin)).json(), [], 'campaignId keeps the sends of that campaign only')
    })

    test('PUT /native/campaigns/{id}/cpm sets a pace beyond the ICTCore range (0 = unpaced); ICTCore itself refuses 601', async () => {
      const text = (await inject('POST', '/api/messages/texts', admin, { name: 't2', data: 'hi' })).json() as number
      const program = (await inject('POST', '/api/programs/sendsms', admin, { text_id: text })).json() as number
      const group = (await inject('POST', '/api/groups', admin, { name: 'g' })).json() as number
      const campaign = (await inject('POST', '/api/campaigns', admin, { program_id: program, group_id: group, account_id: 1 })).json() as number
      assert.equal((await inject('PUT', `/api/campaigns/${campaign}`, admin, { cpm: 601 })).statusCode, 412)
      const res = await inject('PUT', `/native/campaigns/${campaign}/cpm`, admin, { cpm: 0 })
      assert.deepEqual([res.statusCode, res.json()], [200, { id: campaign, cpm: 0 }])
      assert.equal(((await inject('GET', `/api/campaigns/${campaign}`, admin)).json() as { cpm: number }).cpm, 0)
    })
  })
}
