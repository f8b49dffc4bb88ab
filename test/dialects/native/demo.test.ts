import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { listSandboxSends } from '../../../src/core/sandbox/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'

// Issue 19 point 4: `switchboard demo` (POST /native/demo) makes a tenant a newcomer can try every
// dialect with at once, and its paced campaign really sends through the sandbox.

for (const kind of TEST_DATABASES) {
  describe(`demo tenant (${kind})`, () => {
    let app: TestApp
    const adminToken = randomBytes(24).toString('base64url')
    before(async () => { app = await startTestApp(kind, {}, { dispatch: true, adminToken }) })
    after(async () => { await app.stop() })

    test('everything the demo reports is there, seen through ICTCore, ResellerClub, Delacon and the native API', async () => {
      const res = await app.http.inject({ method: 'POST', url: '/native/demo', headers: { authorization: `Bearer ${adminToken}` }, payload: {} })
      assert.equal(res.statusCode, 201, res.body)
      const d = res.json()
      const user = { authorization: basic(d.user.username, d.user.password) }
      const contacts = (await app.http.inject({ method: 'GET', url: `/api/contacts?group_id=${d.groupId}`, headers: user })).json() as { contact_id: number }[]
      assert.deepEqual(contacts.map((c) => c.contact_id).sort((a, b) => a - b), d.contactIds)
      const doc = await app.http.inject({ method: 'GET', url: `/api/messages/documents/${d.documentId}/media`, headers: user })
      assert.equal(doc.statusCode, 200)
      assert.ok(doc.rawPayload.subarray(0, 5).equals(Buffer.from('%PDF-')), 'a real PDF')
      const campaign = (await app.http.inject({ method: 'GET', url: `/api/campaigns/${d.campaign.id}`, headers: user })).json() as { status: string; cpm: number }
      assert.deepEqual([campaign.status, campaign.cpm], ['running', d.campaign.cpm])
      const rc = await app.http.inject({ method: 'GET', url: `/resellerclub/api/resellers/promo-details.json?auth-userid=${d.reseller.id}&api-key=${d.reseller.apiKey}` })
      assert.equal(rc.body, '{}')
      const types = await app.http.inject({ method: 'GET', url: '/delacon/rest/config/getnumbertypes/Australia', headers: { auth: d.reseller.apiKey } })
      assert.equal(types.statusCode, 200)
      const stock = (await app.http.inject({ method: 'GET', url: `/native/numbers?resellerId=${d.reseller.id}&state=free`, headers: { authorization: `Bearer ${adminToken}` } })).json()
      assert.equal(stock.total, d.numbers.added)
      // The paced campaign's first send reaches the sandbox provider the demo made.
      const [send] = await until('the campaign\'s first send in the sandbox log', async () => {
        const sends = await listSandboxSends(app.core, { campaignId: d.campaign.id })
        return sends.length ? sends : undefined
      })
      assert.equal(send!.providerId, d.providerId)
    })

    test('only the platform admin makes a demo', async () => {
      const r = await app.reseller()
      const u = await app.user(r.id, { roles: ['admin', 'user'] })
      const res = await app.http.inject({ method: 'POST', url: '/native/demo', headers: { authorization: basic(u.username, u.password) }, payload: {} })
      assert.deepEqual([res.statusCode, res.json()], [403, { error: 'forbidden' }])
    })
  })
}
