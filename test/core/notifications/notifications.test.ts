import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { systemActor } from '../../../src/core/actor.ts'
import { notificationOf, sendSystemEmail } from '../../../src/core/notifications/index.ts'
import { createProvider } from '../../../src/core/providers/index.ts'
import { resellerActor } from '../../../src/core/actor.ts'
import { listSandboxSends } from '../../../src/core/sandbox/index.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { until } from '../../helpers/poll.ts'

for (const kind of TEST_DATABASES) {
  describe(`system notification emails (${kind}) (issue 17 point 3, issue 15 point 1)`, () => {
    let app: TestApp
    const adminToken = randomBytes(24).toString('base64url')
    before(async () => { app = await startTestApp(kind, {}, { dispatch: true, adminToken }) })
    after(async () => { await app.stop() })

    test('with no email provider anywhere, the built-in sandbox records the send, read through GET /native/sandbox/sends', async () => {
      const r = await app.reseller()
      const { transmissionId } = await sendSystemEmail(app.core, r.id, { to: 'buyer@example.com', subject: 'Order 7 summary', text: 'Numbers: 1300123456' })
      const sends = await until('the notification in the sandbox log', async () => {
        const res = await app.http.inject({ method: 'GET', url: `/native/sandbox/sends?transmissionId=${transmissionId}`, headers: { authorization: `Bearer ${adminToken}` } })
        const list = res.json() as { destination: string; contentRef: string; providerId: number; tenantId: number }[]
        return list.length ? list : undefined
      })
      assert.deepEqual(sends.map((s) => [s.destination, s.contentRef, s.providerId, s.tenantId]), [['buyer@example.com', `notification:${transmissionId}`, 0, r.id]])
      const n = await until('the transmission completed', () => notificationOf(app.core, transmissionId), (v) => v?.status === 'completed')
      assert.deepEqual({ ...n }, { to: 'buyer@example.com', subject: 'Order 7 summary', text: 'Numbers: 1300123456', status: 'completed' })
    })

    test("the tenant's own email provider carries its notifications; the platform's carries the others", async () => {
      const r = await app.reseller()
      const own = await createProvider(app.core, resellerActor(r.id), { name: 'tenant-mail', type: 'sandbox', serviceFlag: 8 })
      const platform = await createProvider(app.core, systemActor, { name: `platform-mail-${r.id}`, type: 'sandbox', serviceFlag: 8 })
      const a = await sendSystemEmail(app.core, r.id, { to: 'a@example.com', subject: 's', text: 't' })
      const b = await sendSystemEmail(app.core, null, { to: 'b@example.com', subject: 's', text: 't' })
      for (const [t, provider] of [[a.transmissionId, own], [b.transmissionId, platform]] as const) {
        const [send] = await until('recorded', async () => { const l = await listSandboxSends(app.core, { transmissionId: t }); return l.length ? l : undefined })
        assert.equal(send!.providerId, provider)
      }
    })

    test('a bad address, subject or text is refused naming the field', async () => {
      await assert.rejects(sendSystemEmail(app.core, null, { to: 'not-an-email', subject: 's', text: 't' }), { kind: 'invalid', field: 'to' })
      await assert.rejects(sendSystemEmail(app.core, null, { to: 'a@example.com', subject: 'two\nlines', text: 't' }), { kind: 'invalid', field: 'subject' })
      await assert.rejects(sendSystemEmail(app.core, null, { to: 'a@example.com', subject: 's', text: 'x'.repeat(100_001) }), { kind: 'invalid', field: 'text' })
    })
  })
}
