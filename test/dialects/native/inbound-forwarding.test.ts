import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n')
const b64 = (b: Buffer) => b.toString('base64')

interface Result { type: string; name: string; data: string }

for (const kind of TEST_DATABASES) {
  describe(`inbound child programs: faxtoemail and emailtofax through the sandbox gateway (${kind})`, () => {
    let app: TestApp
    let admin: string
    let ownerAuth: string
    let faxToEmail: number
    let emailToFax: number
    const inject = (method: string, url: string, auth: string, payload?: unknown) =>
      app.http.inject({ method: method as 'POST', url, headers: { authorization: auth }, payload: payload as object })
    const results = async (transmission: number) => (await inject('GET', `/api/transmissions/${transmission}/result`, ownerAuth)).json() as Result[]
    const resultOf = (rows: Result[], type: string, name: string) => rows.find((r) => r.type === type && r.name === name)?.data
    /** The transmission's status once final (the dispatcher sends it asynchronously). */
    const finalStatus = (transmission: number) => until(`transmission ${transmission} to end`,
      async () => (await inject('GET', `/api/transmissions/${transmission}/status`, ownerAuth)).json() as string,
      (status) => status !== 'pending' && status !== 'processing')

    before(async () => {
      app = await startTestApp(kind, {}, { dispatch: true })
      const root = await app.user(null, { roles: ['admin', 'user'] })
      admin = basic(root.username, root.password)
      const owner = await app.user(null, { email: 'owner@example.com' })
      ownerAuth = basic(owner.username, owner.password)
      assert.equal((await inject('POST', '/api/providers', admin, { name: 'sandbox', type: 'sandbox' })).statusCode, 200)
      // One account receives faxes on its number (faxtoemail); the other sends email to fax from its address.
      const faxLine = (await inject('POST', '/api/accounts', admin, { username: 'faxline', phone: '+15558880000' })).json() as number
      const office = (await inject('POST', '/api/accounts', admin, { username: 'office', email: 'office@corp.example' })).json() as number
      for (const account of [faxLine, office]) assert.equal((await inject('PUT', `/api/accounts/${account}/users/${owner.id}`, admin)).statusCode, 200)
      faxToEmail = (await inject('POST', '/api/programs/faxtoemail', ownerAuth, { account_id: faxLine, email: 'faxes@corp.example' })).json() as number
      emailToFax = (await inject('POST', '/api/programs/emailtofax', ownerAuth, { account_id: office })).json() as number
      assert.ok(faxToEmail > 0 && emailToFax > 0)
    })
    after(() => app.stop())

    test('a received fax is stored as a document with its pages, and faxtoemail emails it to the program email', async () => {
      const res = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'fax', from: '+15551112222', to: '+15558880000', pages: 3, attachments: [{ type: 'application/pdf', content: b64(PDF) }],
      })
      assert.equal(res.statusCode, 201, res.body)
      const { transmissionId, childTransmissionId } = res.json() as { transmissionId: number; childTransmissionId: number }
      const inbound = await results(transmissionId)
      for (const step of ['inbound', 'connect', 'fax_receive', 'disconnect']) assert.equal(resultOf(inbound, 'application', step), 'success', step)
      assert.equal(resultOf(inbound, 'info', 'pages'), '3')
      const fax = await inject('GET', `/api/messages/documents/${resultOf(inbound, 'message', 'document')}/media`, ownerAuth)
      assert.deepEqual(fax.rawPayload, PDF)

      const child = (await inject('GET', `/api/transmissions/${childTransmissionId}`, ownerAuth)).json() as Record<string, unknown>
      assert.deepEqual([child.direction, child.program_type, child.contact_email], ['outbound', 'sendemail', 'faxes@corp.example'])
      const program = (await inject('GET', `/api/programs/${child.program_id}`, ownerAuth)).json() as { parent_id: number; template_id: number }
      assert.equal(program.parent_id, faxToEmail)
      assert.equal(await finalStatus(childTransmissionId), 'completed')
      const attachment = await inject('GET', `/api/messages/templates/${program.template_id}/media`, ownerAuth)
      assert.deepEqual(attachment.rawPayload, PDF)
      const sends = (await inject('GET', `/native/sandbox/sends?transmissionId=${childTransmissionId}`, admin)).json() as { destination: string; contentRef: string }[]
      assert.deepEqual(sends.map((s) => [s.destination, s.contentRef]), [['faxes@corp.example', `template:${program.template_id}`]])
    })

    test('an email to <number>@… from an emailtofax account faxes its document attachments to that number', async () => {
      const res = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'email', from: 'Office@Corp.example', to: '+15557770000@fax.example', subject: 'Contract', text: 'see attached',
        attachments: [{ type: 'text/plain', content: b64(Buffer.from('notes')) }, { type: 'application/pdf', content: b64(PDF) }],
      })
      assert.equal(res.statusCode, 201, res.body)
      const { transmissionId, childTransmissionId } = res.json() as { transmissionId: number; childTransmissionId: number }
      assert.equal(resultOf(await results(transmissionId), 'application', 'email_receive'), 'success')
      const child = (await inject('GET', `/api/transmissions/${childTransmissionId}`, ownerAuth)).json() as Record<string, unknown>
      assert.deepEqual([child.program_type, child.contact_phone, child.title], ['sendfax', '+15557770000', 'Contract'])
      const program = (await inject('GET', `/api/programs/${child.program_id}`, ownerAuth)).json() as { parent_id: number; document_id: number }
      assert.equal(program.parent_id, emailToFax)
      const document = (await inject('GET', `/api/messages/documents/${program.document_id}`, ownerAuth)).json() as { parts: number; type: string }
      assert.deepEqual([document.parts, document.type], [1, 'pdf'], 'only the attachment a fax can carry became a part')
      assert.equal(await finalStatus(childTransmissionId), 'completed')
      assert.equal(resultOf(await results(childTransmissionId), 'application', 'fax_send'), 'success')
    })

    test('an emailtofax email without a faxable attachment is received, starts no child and says why', async () => {
      const res = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'email', from: 'office@corp.example', to: '15557770001@fax.example', text: 'no file',
      })
      assert.equal(res.statusCode, 201, res.body)
      const body = res.json() as { transmissionId: number; childTransmissionId?: number }
      assert.equal(body.childTransmissionId, undefined)
      const rows = await results(body.transmissionId)
      assert.equal(resultOf(rows, 'application', 'email_receive'), 'success')
      assert.equal(resultOf(rows, 'error', 'error'), 'no attachment a fax can carry')
    })

    test('email to a fax number from a sender with no emailtofax account is 404 and stores nothing', async () => {
      const before = ((await inject('GET', '/api/transmissions', admin)).json() as unknown[]).length
      const res = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'email', from: 'stranger@else.example', to: '+15557770000@fax.example', attachments: [{ type: 'application/pdf', content: b64(PDF) }],
      })
      assert.equal(res.statusCode, 404, res.body)
      assert.equal(((await inject('GET', '/api/transmissions', admin)).json() as unknown[]).length, before)
    })

    test('a fax without its document, or with a type a fax cannot be, is 400 naming attachments', async () => {
      const missing = await inject('POST', '/native/sandbox/inbound', admin, { service: 'fax', from: '+15551112222', to: '+15558880000' })
      assert.equal(missing.statusCode, 400, missing.body)
      assert.equal((missing.json() as { field: string }).field, 'attachments')
      const wrong = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'fax', from: '+15551112222', to: '+15558880000', attachments: [{ type: 'text/plain', content: b64(Buffer.from('hi')) }],
      })
      assert.equal(wrong.statusCode, 400, wrong.body)
      assert.equal((wrong.json() as { field: string }).field, 'attachments')
      const notBase64 = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'fax', from: '+15551112222', to: '+15558880000', attachments: [{ type: 'application/pdf', content: 'not base64!' }],
      })
      assert.equal(notBase64.statusCode, 400, notBase64.body)
    })

    test('a message whose files exceed 20 MiB in all is refused with 413 before it is read', async () => {
      const tenMiB = b64(Buffer.alloc(10 * 1024 * 1024, 0x25))
      const res = await inject('POST', '/native/sandbox/inbound', admin, {
        service: 'email', from: 'office@corp.example', to: '+15557770000@fax.example',
        attachments: [{ type: 'application/pdf', content: tenMiB }, { type: 'application/pdf', content: tenMiB }, { type: 'application/pdf', content: tenMiB }],
      })
      assert.equal(res.statusCode, 413, res.body.slice(0, 200))
    })
  })
}
