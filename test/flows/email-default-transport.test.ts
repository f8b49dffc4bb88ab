import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { SmtpPeer } from '../helpers/smtp-peer.ts'
import { basic } from '../helpers/wire.ts'

// spec/gateways.md §4: with no email provider, email goes through the server's default transport
// (SMTP_URL); without one, the send fails `no mail transport`.

for (const kind of TEST_DATABASES) {
  describe(`email without an email provider, spec/gateways.md §4 SMTP_URL (${kind})`, () => {
    let peer: SmtpPeer
    const apps: TestApp[] = []
    after(async () => {
      for (const app of apps) await app.stop()
      await peer?.stop()
    })
    before(async () => { peer = await SmtpPeer.start() })

    /** Sends one email from a new app with `smtpUrl`, no email provider; resolves to the transmission once final. */
    async function sendWithout(smtpUrl: string | undefined, email: string): Promise<{ status: string; response: string | null }> {
      const app = await startTestApp(kind, smtpUrl ? { smtpUrl } : {}, { dispatch: true })
      apps.push(app)
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      const ok = async (method: 'POST' | 'GET', url: string, payload?: unknown) => {
        const res = await app.http.inject({ method, url, headers: { authorization: auth }, payload: payload as object })
        assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`)
        return res.json() as unknown
      }
      const accountId = await ok('POST', '/api/accounts', { username: 'mailer', email: 'news@example.com' }) as number
      const templateId = await ok('POST', '/api/messages/templates', { name: 't', subject: 'Hello [contact:first_name]', body: '<p>Hi</p>' }) as number
      const programId = await ok('POST', '/api/programs/sendemail', { template_id: templateId, account_id: accountId }) as number
      const contactId = await ok('POST', '/api/contacts', { first_name: 'Ada', email }) as number
      const tid = await ok('POST', '/api/transmissions', { program_id: programId, contact_id: contactId, account_id: accountId, try_allowed: 1 }) as number
      await ok('POST', `/api/transmissions/${tid}/send`)
      return until(`transmission ${tid} final`, async () => await ok('GET', `/api/transmissions/${tid}`) as { status: string; response: string | null },
        (t) => t.status === 'completed' || t.status === 'failed', { timeoutMs: 20_000 })
    }

    test('the email goes through SMTP_URL, its query giving the transport\'s settings', async () => {
      const t = await sendWithout(`smtp://127.0.0.1:${peer.port}?tls_verify=false&from=relay%40example.com`, 'ada@example.net')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      const got = peer.received.find((r) => r.recipients.includes('ada@example.net'))
      assert.ok(got, 'the server received it')
      assert.equal(got.mail.subject, 'Hello Ada')
      assert.equal(got.mail.from?.text, 'relay@example.com')
    })

    test('without SMTP_URL the send fails `no mail transport`', async () => {
      const t = await sendWithout(undefined, 'bob@example.net')
      assert.deepEqual([t.status, t.response], ['failed', 'no mail transport'])
    })
  })
}
