import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { listSandboxSends } from '../../src/core/sandbox/index.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { holdsFor, until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

const CONTACTS = 30
/**
 * How long a paused campaign is watched for sends (a time window, not a wait): three of its slots at
 * cpm 600, so a campaign still sending would show within it.
 */
const PAUSED_WINDOW_MS = 300

for (const kind of TEST_DATABASES) {
  describe(`ICTCore campaign of the public clients: CSV import, start, stop, start again, issue 3 (${kind})`, () => {
    let app: TestApp
    let call: (method: string, url: string, payload?: unknown, contentType?: string) => Promise<{ status: number; body: unknown }>

    before(async () => {
      app = await startTestApp(kind, {}, { dispatch: true })
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      call = async (method, url, payload, contentType = 'application/json') => {
        const res = await app.http.inject({
          method: method as 'POST', url, headers: { authorization: auth, 'content-type': contentType },
          payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
        })
        return { status: res.statusCode, body: res.body ? res.json() : undefined }
      }
      assert.equal((await call('POST', '/api/accounts', { username: 'sender', phone: '+15550000000' })).status, 200)
      assert.equal((await call('POST', '/api/providers', { name: 'sandbox', type: 'sandbox' })).status, 200)
    })
    after(() => app.stop())

    test('every contact of the group ends with exactly one completed transmission, sent once', async () => {
      const ok = async (method: string, url: string, payload?: unknown, contentType?: string) => {
        const res = await call(method, url, payload, contentType)
        assert.equal(res.status, 200, `${method} ${url}: ${JSON.stringify(res.body)}`)
        return res.body
      }
      const textId = await ok('POST', '/api/messages/texts', { name: 'promo', data: 'Hello from the campaign' }) as number
      const programId = await ok('POST', '/api/programs/sendsms', { name: 'promo sms', text_id: textId }) as number
      const groupId = await ok('POST', '/api/groups', { name: 'customers' }) as number
      const csv = Array.from({ length: CONTACTS }, (_, i) => `+1555100${String(i).padStart(4, '0')},First${i},Last${i}`).join('\n')
      assert.equal(await ok('POST', `/api/groups/${groupId}/csv`, csv, 'text/csv'), groupId)
      const campaignId = await ok('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
      assert.equal((await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, 'new')

      assert.equal(await ok('POST', `/api/campaigns/${campaignId}/start`), true)
      await until('a few sends', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { contact_done: number }).contact_done, (n) => n >= 5)
      assert.equal(await ok('POST', `/api/campaigns/${campaignId}/stop`), true)
      const paused = await ok('GET', `/api/campaigns/${campaignId}`) as { status: string; contact_total: number }
      assert.equal(paused.status, 'paused')
      // Attempts in progress finish; then nothing new is sent while paused.
      const completed = async () => (await ok('GET', `/api/transmissions?campaign_id=${campaignId}&status=completed`) as unknown[]).length
      const settled = await until('in-progress attempts to finish', async () => {
        const list = await ok('GET', `/api/transmissions?campaign_id=${campaignId}&status=processing`) as unknown[]
        return list.length === 0 ? await completed() : undefined
      })
      assert.ok(settled < CONTACTS, 'the stop came before the end')
      await holdsFor('nothing is sent while paused', completed, (n) => n === settled, { forMs: PAUSED_WINDOW_MS })

      assert.equal(await ok('PUT', `/api/campaigns/${campaignId}/start`), true)
      const campaign = async () => await ok('GET', `/api/campaigns/${campaignId}`) as { status: string; contact_total: number; contact_done: number }
      const done = await until('completion', campaign, (c) => c.status === 'completed')
      assert.equal(done.contact_total, CONTACTS)
      assert.equal(done.contact_done, CONTACTS)

      const transmissions = await ok('GET', `/api/transmissions?campaign_id=${campaignId}`) as { transmission_id: number; contact_id: number; status: string; try_done: number }[]
      assert.equal(transmissions.length, CONTACTS)
      assert.equal(new Set(transmissions.map((t) => t.contact_id)).size, CONTACTS, 'one transmission per contact')
      assert.ok(transmissions.every((t) => t.status === 'completed' && t.try_done === 1))
      const contacts = await ok('GET', `/api/groups/${groupId}/contacts`) as { contact_id: number }[]
      assert.deepEqual(new Set(transmissions.map((t) => t.contact_id)), new Set(contacts.map((c) => c.contact_id)))

      const sends = (await listSandboxSends(app.core, { limit: 10_000 })).filter((s) => transmissions.some((t) => t.transmission_id === s.transmissionId))
      assert.equal(sends.length, CONTACTS, 'the sandbox received each contact once')
      assert.equal(new Set(sends.map((s) => s.destination)).size, CONTACTS)

      assert.deepEqual(await call('POST', `/api/campaigns/${campaignId}/start`), { status: 423, body: { error: { code: 423, message: 'Campaign already completed' } } })
    })
  })
}
