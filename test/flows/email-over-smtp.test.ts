import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/rows.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { SmtpPeer } from '../helpers/smtp-peer.ts'
import { basic } from '../helpers/wire.ts'

// Issue 18 points 3 and 6: email through an `smtp` provider (spec/gateways.md §4) to a real SMTP
// server (smtp-server) that accepts, greylists (4xx then accepts) and rejects (5xx); what arrived is
// read back with mailparser.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

for (const kind of TEST_DATABASES) {
  describe(`email over SMTP, spec/gateways.md §4 (${kind})`, () => {
    let app: TestApp
    let peer: SmtpPeer
    let call: (method: string, url: string, payload?: unknown, contentType?: string) => Promise<{ status: number; body: unknown }>
    const ok = async (method: string, url: string, payload?: unknown, contentType?: string) => {
      const res = await call(method, url, payload, contentType)
      assert.equal(res.status, 200, `${method} ${url}: ${JSON.stringify(res.body)}`)
      return res.body
    }
    let accountId: number
    let programId: number
    let providerId: number

    before(async () => {
      peer = await SmtpPeer.start()
      app = await startTestApp(kind, {}, { dispatch: true })
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      call = async (method, url, payload, contentType = 'application/json') => {
        const res = await app.http.inject({
          method: method as 'POST', url, headers: { authorization: auth, 'content-type': contentType },
          payload: payload === undefined ? undefined : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
        })
        return { status: res.statusCode, body: res.body ? res.json() : undefined }
      }
      accountId = await ok('POST', '/api/accounts', { username: 'mailer', email: 'news@example.com', first_name: 'Newsdesk' }) as number
      providerId = await ok('POST', '/api/providers', {
        name: 'relay', type: 'smtp', host: '127.0.0.1', port: peer.port,
        settings: JSON.stringify({ tls_verify: false, from: 'sender@example.com', retry_backoff_ms: 20, pool: 2 }),
      }) as number
      const templateId = await ok('POST', '/api/messages/templates', {
        name: 'welcome', subject: 'Hello [contact:first_name]',
        body: '<p>Dear [contact:first_name] [contact:last_name], from [account:email]. [contact:shoe_size]</p>', body_alt: 'Dear [contact:first_name], from [account:first_name].',
      }) as number
      await ok('PUT', `/api/messages/templates/${templateId}/media`, PDF, 'application/pdf')
      programId = await ok('POST', '/api/programs/sendemail', { template_id: templateId, account_id: accountId }) as number
    })
    after(async () => {
      await app?.stop()
      await peer?.stop()
    })

    async function send(email: string): Promise<{ status: string; response: string | null }> {
      const contactId = await ok('POST', '/api/contacts', { first_name: 'Ada', last_name: 'Lovelace', email }) as number
      const tid = await ok('POST', '/api/transmissions', { program_id: programId, contact_id: contactId, account_id: accountId }) as number
      await ok('POST', `/api/transmissions/${tid}/send`)
      return until(`transmission ${tid} final`, async () => await ok('GET', `/api/transmissions/${tid}`) as { status: string; response: string | null },
        (t) => t.status === 'completed' || t.status === 'failed', { timeoutMs: 20_000 })
    }

    test('an email is delivered over STARTTLS: template rendered for the contact and account, HTML with its text alternative, the attachment', async () => {
      const t = await send('ada@example.net')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      const got = peer.received.find((r) => r.recipients.includes('ada@example.net'))
      assert.ok(got, 'the server received it')
      assert.equal(got.secure, true, 'upgraded with STARTTLS')
      assert.equal(got.mail.subject, 'Hello Ada')
      assert.equal(got.mail.from?.text, 'sender@example.com')
      assert.match(got.mail.html || '', /<p>Dear Ada Lovelace, from news@example\.com\. \[contact:shoe_size\]<\/p>/)
      assert.equal(got.mail.text?.trim(), 'Dear Ada, from Newsdesk.')
      assert.equal(got.mail.attachments.length, 1)
      assert.equal(got.mail.attachments[0]!.contentType, 'application/pdf')
      assert.deepEqual(Buffer.from(got.mail.attachments[0]!.content), PDF)
    })

    test('an accepted email\'s spool keeps the server\'s final 2xx reply line as its response', async () => {
      const t = await send('reply@example.net')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      const [s] = await queryRows<{ response: string | null }>(app.core.db, sql`select s.response from spools s join transmissions t on t.id = s.transmission_id
        join contacts c on c.id = t.contact_id where c.email = 'reply@example.net'`)
      assert.match(s?.response ?? '', /^250 /)
    })

    test('a greylisting server (451) is tried again with backoff inside the attempt, then accepts', async () => {
      const t = await send('grey1@example.net')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      assert.deepEqual(peer.rcpts.filter((r) => r.address === 'grey1@example.net').map((r) => r.code), [451, 250])
      assert.equal(peer.received.filter((r) => r.recipients.includes('grey1@example.net')).length, 1)
    })

    test('a 5xx refusal fails the attempt at once with the server\'s reply as the response', async () => {
      const t = await send('reject1@example.net')
      assert.equal(t.status, 'failed')
      assert.match(t.response ?? '', /^550 5\.1\.1 Mailbox unavailable/)
      assert.deepEqual(peer.rcpts.filter((r) => r.address === 'reject1@example.net').map((r) => r.code), [550], 'not tried again')
    })

    test('a 4xx that lasts past retry_max fails the attempt as temporary with the server\'s reply', async () => {
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ tls_verify: false, retry_backoff_ms: 20, retry_max: 0 }) })
      const t = await send('grey2@example.net')
      assert.equal(t.status, 'failed')
      assert.match(t.response ?? '', /^451 4\.7\.1 Greylisted/)
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ tls_verify: false, from: 'sender@example.com', retry_backoff_ms: 20, pool: 2 }) })
    })

    test('provider settings the email gateway cannot use are refused with 412 naming the key', async () => {
      const res = await call('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ secure: 'ssl' }) })
      assert.equal(res.status, 412)
      assert.match(JSON.stringify(res.body), /settings/)
    })
  })
}
