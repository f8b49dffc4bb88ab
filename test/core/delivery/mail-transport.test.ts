import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DEFAULT_MAIL_TRANSPORT_ID, mailTransportOf } from '../../../src/core/delivery/index.ts'

// SMTP_URL as the server's default mail transport (spec/gateways.md §4), no database.
describe('mailTransportOf: SMTP_URL → an smtp provider', () => {
  test('smtp:// with credentials and a port: STARTTLS when offered, the credentials decoded', () => {
    assert.deepEqual(mailTransportOf('smtp://mail%40corp:p%3Ass@relay.example.com:587'), {
      id: DEFAULT_MAIL_TRANSPORT_ID, type: 'smtp', host: 'relay.example.com', port: 587, username: 'mail@corp', password: 'p:ss',
      prefix: null, dialstring: null, tenantId: null, settings: null,
    })
  })

  test('smtps:// is implicit TLS on 465 by default; query parameters are settings, typed', () => {
    const t = mailTransportOf('smtps://relay.example.com?pool=2&tls_verify=false&from=a%40b.example')!
    assert.deepEqual([t.port, JSON.parse(t.settings!)], [465, { secure: 'tls', pool: 2, tls_verify: false, from: 'a@b.example' }])
    assert.equal(mailTransportOf('smtp://relay.example.com')!.port, 25)
  })

  test('unset is none; another scheme or no URL is refused at start', () => {
    assert.equal(mailTransportOf(undefined), null)
    assert.throws(() => mailTransportOf('http://relay.example.com'), /smtp:\/\/ or smtps:\/\//)
    assert.throws(() => mailTransportOf('relay.example.com:25'), /SMTP_URL/)
  })
})
