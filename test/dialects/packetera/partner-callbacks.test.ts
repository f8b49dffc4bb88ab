import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'
import { addActiveMember, type Partner } from './packetera-client.ts'
import { submit } from './hosted-client.ts'

// Issue 14 point 3: the partner's view of its members' callback requests through the native API.

for (const kind of TEST_DATABASES) {
  describe(`Packetera callback requests in the native API (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    let admin: { authorization: string }
    const adminToken = randomBytes(24).toString('base64url')
    before(async () => {
      // No dispatcher: every request stays `requested`.
      app = await startTestApp(kind, { packetera: { trustProxy: true } }, { adminToken })
      partner = await app.reseller()
      const u = await app.user(partner.id, { roles: ['admin', 'user'] })
      admin = { authorization: basic(u.username, u.password) }
    })
    after(async () => { await app.stop() })

    const call = (url: string, headers = admin) => app.http.inject({ method: 'GET', url: `/native${url}`, headers })

    test("a member's requests are listed newest first with their record, filtered by status, paged", async () => {
      const m = await addActiveMember(app, partner)
      const ids: string[] = []
      for (const phone of ['5550100001', '5550100002', '5550100003']) {
        const res = await submit(app, m.buttonGuid, { phone, name: `N${phone}` }, { json: true, headers: { 'x-forwarded-for': `192.0.2.${phone.slice(-1)}`, 'user-agent': 'UA/1' } })
        ids.push(res.json().requestId)
      }
      const memberId = Number(m.memberId)
      const list = await call(`/packetera/members/${memberId}/callbacks`)
      assert.equal(list.statusCode, 200, list.body)
      const body = list.json()
      assert.equal(body.total, 3)
      assert.deepEqual(body.items.map((r: { requestId: string }) => r.requestId), [...ids].reverse())
      const newest = body.items[0]
      assert.equal(newest.buttonGuid, m.buttonGuid)
      assert.equal(newest.memberId, memberId)
      assert.equal(newest.memberPhone, '+15550100001')
      assert.equal(newest.visitorPhone, '5550100003')
      assert.equal(newest.visitorName, 'N5550100003')
      assert.equal(newest.visitorIp, '192.0.2.3')
      assert.equal(newest.userAgent, 'UA/1')
      assert.equal(newest.status, 'requested')
      assert.equal(typeof newest.transmissionId, 'number')
      const page = (await call(`/packetera/members/${memberId}/callbacks?limit=1&offset=1`)).json()
      assert.deepEqual([page.total, page.items.map((r: { requestId: string }) => r.requestId)], [3, [ids[1]]])
      // Every request is still `requested` (no dispatcher runs here): the filter says so.
      assert.equal((await call(`/packetera/members/${memberId}/callbacks?status=requested`)).json().total, 3)
      assert.equal((await call(`/packetera/members/${memberId}/callbacks?status=completed`)).json().total, 0)
      const bad = await call(`/packetera/members/${memberId}/callbacks?status=nope`)
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().field, 'status')
    })

    test('one request is read by its id; another partner sees neither it nor the member', async () => {
      const m = await addActiveMember(app, partner)
      const { requestId } = (await submit(app, m.buttonGuid, { phone: '5550100009' }, { json: true, headers: { 'x-forwarded-for': '192.0.2.99' } })).json()
      const one = await call(`/packetera/callbacks/${requestId}`)
      assert.equal(one.statusCode, 200)
      assert.equal(one.json().requestId, requestId)
      assert.equal(one.json().status, 'requested')
      assert.equal((await call(`/packetera/callbacks/${requestId}`, { authorization: `Bearer ${adminToken}` })).json().requestId, requestId)
      const other = await app.reseller()
      const u = await app.user(other.id, { roles: ['admin', 'user'] })
      const stranger = { authorization: basic(u.username, u.password) }
      assert.deepEqual([(await call(`/packetera/callbacks/${requestId}`, stranger)).statusCode, (await call(`/packetera/callbacks/${requestId}`, stranger)).json()], [404, { error: 'Callback request not found' }])
      assert.deepEqual((await call(`/packetera/members/${m.memberId}/callbacks`, stranger)).json(), { error: 'Member not found' })
      assert.deepEqual((await call('/packetera/callbacks/not-a-uuid')).json(), { error: 'Callback request not found' })
    })
  })
}
