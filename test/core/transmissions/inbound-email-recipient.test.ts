import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { inboundEmailRecipient } from '../../../src/core/transmissions/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'

for (const kind of TEST_DATABASES) {
  // Which recipients an inbound SMTP listener takes at RCPT TO (spec/gateways.md §4 "Inbound email").
  describe(`inboundEmailRecipient (${kind})`, () => {
    let app: TestApp

    before(async () => {
      app = await startTestApp(kind)
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      const ok = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
        const res = await app.http.inject({ method, url, headers: { authorization: auth }, payload: payload as object })
        assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`)
        return res.json() as number
      }
      const mailbox = await ok('POST', '/api/accounts', { username: 'mailbox', email: 'Inbox@Switchboard.test' })
      await ok('PUT', `/api/accounts/${mailbox}/programs/receiveemail`, { name: 'Mailbox' })
      await ok('POST', '/api/accounts', { username: 'nosub', email: 'nosub@switchboard.test' })
      const office = await ok('POST', '/api/accounts', { username: 'office', email: 'office@corp.example' })
      await ok('POST', '/api/programs/emailtofax', { account_id: office })
    })
    after(() => app.stop())

    test('the address of an active account subscribed for email is taken, whatever its case', async () => {
      assert.deepEqual(await inboundEmailRecipient(app.core, 'inbox@switchboard.test', 'alice@example.org'), { tenantId: null })
    })

    test('the address of an account subscribed to nothing for email is no mailbox', async () => {
      assert.equal(await inboundEmailRecipient(app.core, 'nosub@switchboard.test', 'alice@example.org'), null)
    })

    test('a fax number is taken from an account subscribed to emailtofax, and from no other sender', async () => {
      assert.deepEqual(await inboundEmailRecipient(app.core, '+15558880000@fax.switchboard.test', 'office@corp.example'), { tenantId: null })
      assert.equal(await inboundEmailRecipient(app.core, '+15558880000@fax.switchboard.test', 'inbox@switchboard.test'), null)
      assert.equal(await inboundEmailRecipient(app.core, 'not-a-number@fax.switchboard.test', 'office@corp.example'), null)
    })
  })
}
