import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import nodemailer, { type Transporter } from 'nodemailer'
import { queryRows } from '../../src/db/rows.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { freePort } from '../helpers/kannel.ts'
import { basic } from '../helpers/wire.ts'

// Issue 18 points 3 and 6: Switchboard's own SMTP listener (spec/gateways.md §4 "Inbound email"),
// driven by nodemailer as the sending server: recipients, size and recipient-count rules, STARTTLS,
// and accepted mail handled as inbound email (spec/ictcore.md §7.4).

for (const kind of TEST_DATABASES) {
  describe(`inbound SMTP listener, spec/gateways.md §4 (${kind})`, () => {
    let app: TestApp
    let mailer: Transporter
    let tlsDir: string
    let port: number
    let ok: (method: string, url: string, payload?: unknown) => Promise<unknown>

    before(async () => {
      // A self-signed certificate for STARTTLS (SMTP_TLS_CERT / SMTP_TLS_KEY).
      tlsDir = mkdtempSync(join(tmpdir(), 'sb-smtp-tls-'))
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
        '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem')], { stdio: 'ignore' })
      port = await freePort()
      app = await startTestApp(kind, { smtpListen: `127.0.0.1:${port}`, smtpTlsCert: join(tlsDir, 'cert.pem'), smtpTlsKey: join(tlsDir, 'key.pem') })
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      ok = async (method: string, url: string, payload?: unknown) => {
        const res = await app.http.inject({ method: method as 'POST', url, headers: { authorization: auth, 'content-type': 'application/json' }, payload: payload === undefined ? undefined : JSON.stringify(payload) })
        assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`)
        return res.json() as unknown
      }
      const mailbox = await ok('POST', '/api/accounts', { username: 'mailbox', email: 'inbox@switchboard.test' }) as number
      await ok('PUT', `/api/accounts/${mailbox}/programs/receiveemail`, { name: 'Mailbox' })
      await ok('POST', '/api/accounts', { username: 'nosub', email: 'nosub@switchboard.test' })
      // requireTLS: the message goes only if the listener offers STARTTLS.
      mailer = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } })
    })
    after(async () => {
      mailer?.close()
      await app?.stop()
      rmSync(tlsDir, { recursive: true, force: true })
    })

    const templates = (from: string) => queryRows<{ id: number; subject: string; body: string }>(app.core.db, sql`select id, subject, body from templates where name = ${`Email from ${from}`}`)

    test('mail to a subscribed account\'s address is accepted over STARTTLS and stored as inbound email with its attachment', async () => {
      const info = await mailer.sendMail({
        from: 'alice@example.org', to: 'Inbox <inbox@switchboard.test>', subject: 'Quarterly figures', text: 'Please find them attached.',
        attachments: [{ filename: 'figures.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' }],
      }) as { accepted: string[]; response: string }
      assert.deepEqual(info.accepted, ['inbox@switchboard.test'])
      assert.match(info.response, /^250 /)
      const [stored] = await templates('alice@example.org')
      assert.equal(stored?.subject, 'Quarterly figures')
      assert.match(stored?.body ?? '', /Please find them attached\./)
      const shown = await ok('GET', `/api/messages/templates/${stored!.id}`) as { type: string | null; size: number }
      assert.equal(shown.type, 'pdf')
      assert.equal(shown.size, 15)
    })

    test('a recipient that is no subscribed account is refused 550 5.1.1 no such mailbox', async () => {
      for (const to of ['nobody@switchboard.test', 'nosub@switchboard.test']) {
        await assert.rejects(mailer.sendMail({ from: 'alice@example.org', to, subject: 'x', text: 'x' }), (e: { responseCode?: number; response?: string }) => {
          assert.equal(e.responseCode, 550)
          assert.match(e.response ?? '', /5\.1\.1 no such mailbox/)
          return true
        })
      }
    })

    test('recipients past the 100th are refused 452; the message goes to the accepted ones', async () => {
      const to: string[] = []
      for (let i = 0; i < 101; i++) {
        const id = await ok('POST', '/api/accounts', { username: `box${i}`, email: `box${i}@switchboard.test` }) as number
        await ok('PUT', `/api/accounts/${id}/programs/receiveemail`, { name: `Box ${i}` })
        to.push(`box${i}@switchboard.test`)
      }
      const info = await mailer.sendMail({ from: 'bob@example.org', to, subject: 'Many', text: 'many recipients' }) as { accepted: string[]; rejectedErrors?: { responseCode?: number }[] }
      assert.equal(info.accepted.length, 100)
      assert.deepEqual(info.rejectedErrors?.map((e) => e.responseCode), [452])
    })

    test('a message over 20 MiB is refused 552 and nothing is stored', async () => {
      await assert.rejects(mailer.sendMail({
        from: 'carol@example.org', to: 'inbox@switchboard.test', subject: 'Huge', text: 'x', attachments: [{ filename: 'big.bin', content: Buffer.alloc(21 * 1024 * 1024, 7) }],
      }), (e: { responseCode?: number }) => {
        assert.equal(e.responseCode, 552)
        return true
      })
      assert.equal((await templates('carol@example.org')).length, 0)
    })
  })
}
