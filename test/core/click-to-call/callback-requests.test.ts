import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { resellerActor } from '../../../src/core/actor.ts'
import { callbackRequestById, getCallbackRequest } from '../../../src/core/click-to-call/index.ts'
import { createReseller } from '../../../src/core/resellers/index.ts'
import { buildApp } from '../../../src/app.ts'
import { rmSync } from 'node:fs'
import { getStatistics } from '../../../src/core/statistics/index.ts'
import { createProvider } from '../../../src/core/providers/index.ts'
import { listTransmissions, listTransmissionResults, listTransmissionSpools } from '../../../src/core/transmissions/index.ts'
import { actorForUser, users } from '../../../src/core/users/index.ts'
import { startTestApp, TEST_DISPATCH, testConfig, testLogger, uniqueName, type TestApp } from '../../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'
import { addActiveMember, type Member, type Partner } from '../../dialects/packetera/packetera-client.ts'
import { statusOf, submit } from '../../dialects/packetera/hosted-client.ts'

// The sandbox scripts each leg by the member's phone (the first leg's destination, spec/packetera.md §9).
const SCRIPT = {
  rules: [
    { match: '^5551000001$', outcome: 'busy' },
    { match: '^5551000002$', outcome: 'no_answer' },
    { match: '^5551000003$', outcome: 'fail', cause: 'network down' },
    { match: '^5551000004$', bridge_outcome: 'no_answer' },
    { match: '^5551000005$', bridge_outcome: 'busy' },
    { match: '^5551000006$', delay_ms: 400, bridge_ms: 1600 },
  ],
}

let ip = 0
const visitor = () => ({ 'x-forwarded-for': `198.51.100.${++ip}` })

for (const kind of TEST_DATABASES) {
  describe(`Callback requests through the dispatcher (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    before(async () => {
      app = await startTestApp(kind, { packetera: { trustProxy: true } }, { dispatch: true })
      partner = await app.reseller()
      // Calls route through the partner's own voice provider (spec/ictcore.md §7.1 routing).
      await createProvider(app.core, resellerActor(partner.id), { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) })
    })
    after(async () => { await app.stop() })

    async function request(memberPhone: string): Promise<{ member: Member; requestId: string; ip: string }> {
      const member = await addActiveMember(app, partner, { PhoneNumber: memberPhone })
      const headers = visitor()
      const res = await submit(app, member.buttonGuid, { phone: '+15557654321', name: 'Visitor' }, { json: true, headers })
      assert.equal(res.statusCode, 202, res.body)
      return { member, requestId: res.json().requestId, ip: headers['x-forwarded-for'] }
    }
    const final = (requestId: string) => until('the request ends', () => statusOf(app, requestId), (s) => s.status === 'completed' || s.status === 'failed')

    for (const [phone, reason] of [
      ['5551000001', 'member_busy'], ['5551000002', 'member_no_answer'], ['5551000003', 'call_error'],
      ['5551000004', 'visitor_no_answer'], ['5551000005', 'visitor_busy'],
    ] as const) {
      test(`a scripted ${reason} leg fails the request with failureReason ${reason}`, async () => {
        const { requestId } = await request(phone)
        assert.deepEqual(await final(requestId), { requestId, status: 'failed', failureReason: reason })
      })
    }

    test('an answered callback goes calling_member, bridging, completed and is the member user\'s transmission with its spool and results', async () => {
      const { member, requestId, ip } = await request('5551000006')
      await until('calling the member', () => statusOf(app, requestId), (s) => s.status === 'calling_member')
      await until('bridging', () => statusOf(app, requestId), (s) => s.status === 'bridging')
      assert.deepEqual(await final(requestId), { requestId, status: 'completed', failureReason: null })
      const [user] = await app.core.db.select({ id: users.id }).from(users).where(eq(users.customerId, Number(member.memberId)))
      const actor = await actorForUser(app.core, user!.id)
      const [t] = await listTransmissions(app.core, actor)
      assert.equal(t!.programType, 'callback')
      assert.equal(t!.status, 'completed')
      assert.equal(t!.contactPhone, '+15557654321')
      assert.equal(t!.accountPhone, '5551000006')
      const spools = await listTransmissionSpools(app.core, actor, t!.id)
      assert.equal(spools.length, 1)
      assert.equal(spools[0]!.status, 'completed')
      const results = (await listTransmissionResults(app.core, actor, t!.id)).map((r) => `${r.type}/${r.name}=${r.data}`)
      for (const step of ['originate', 'tts', 'dial', 'bridge']) assert.ok(results.includes(`application/${step}=success`), results.join())
      assert.ok(results.includes('info/delivery_state=bridged'))
      const r = await getCallbackRequest(app.core, actor, requestId)
      assert.ok(r.memberAnsweredAt && r.visitorAnsweredAt && r.endedAt)
      assert.ok(r.durationSeconds! >= 1 && r.durationSeconds! <= 3, String(r.durationSeconds))
      assert.equal(r.memberPhone, '5551000006')
      assert.equal(r.visitorPhone, '+15557654321')
      assert.equal(r.visitorName, 'Visitor')
      assert.equal(r.visitorIp, ip)
    })
    test('ICTCore statistics count callbacks per state, over the tenant and per button', async () => {
      const other = await app.reseller()
      await createProvider(app.core, resellerActor(other.id), { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) })
      const busy = await addActiveMember(app, other, { PhoneNumber: '5551000001' })
      const answered = await addActiveMember(app, other, { PhoneNumber: '5551000006' })
      const ids: string[] = []
      for (const m of [busy, answered]) ids.push((await submit(app, m.buttonGuid, { phone: '+15557654321' }, { json: true, headers: visitor() })).json().requestId)
      for (const id of ids) await final(id)
      const tenant = await getStatistics(app.core, resellerActor(other.id))
      assert.deepEqual([tenant.callbackTotal, tenant.callbackFailed, tenant.callbackCompleted, tenant.callbackRequested], [2, 1, 1, 0])
      const wire = await app.http.inject({ method: 'GET', url: `/api/statistics?button=${answered.buttonGuid.toLowerCase()}`, headers: { authorization: basic(answered.email, answered.password) } })
      assert.equal(wire.statusCode, 200, wire.body)
      const s = wire.json()
      assert.deepEqual([s.callback_total, s.callback_completed, s.callback_failed, s.callback_bridging, s.callback_calling_member], [1, 1, 0, 0, 0])
      const bad = await app.http.inject({ method: 'GET', url: '/api/statistics?button=nope', headers: { authorization: basic(answered.email, answered.password) } })
      assert.equal(bad.statusCode, 412)
    })
  })

  describe(`Callback request expiry (${kind})`, () => {
    let app: TestApp
    let partner: Partner
    before(async () => {
      // No voice provider: requests wait in `requested` until they expire (1 s here, 10 minutes by default).
      app = await startTestApp(kind, { packetera: { callbackExpirySeconds: 1 } }, { dispatch: true })
      partner = await app.reseller()
    })
    after(async () => { await app.stop() })

    test('a request still requested past its expiry fails expired and frees its number', async () => {
      const member = await addActiveMember(app, partner)
      const res = await submit(app, member.buttonGuid, { phone: '+15557654321' }, { json: true })
      const { requestId } = res.json()
      assert.equal((await statusOf(app, requestId)).status, 'requested')
      assert.deepEqual(await until('expired', () => statusOf(app, requestId), (s) => s.status === 'failed'), { requestId, status: 'failed', failureReason: 'expired' })
      assert.equal((await submit(app, member.buttonGuid, { phone: '+15557654321' }, { json: true })).statusCode, 202)
    })
  })
}

for (const kind of TEST_DATABASES) {
  describe(`Callback requests survive a restart (${kind})`, () => {
    test('a request made while no dispatcher runs is called once a server with one starts on the same database', async () => {
      const database = await openTestDatabase(kind)
      const config = testConfig({ dispatch: TEST_DISPATCH })
      try {
        // First server: the HTTP side only; it takes the request and stops.
        const first = await buildApp({ config, database, logger: testLogger() })
        const { reseller, apiKey } = await createReseller(first.core, { name: 'Restart', username: uniqueName('r') })
        const partner = { id: reseller.id, username: reseller.username, apiKey }
        await createProvider(first.core, resellerActor(partner.id), { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) })
        const testApp = { ...first, kind } as unknown as TestApp
        const member = await addActiveMember(testApp, partner, { PhoneNumber: '5551000006' })
        const { requestId } = (await submit(testApp, member.buttonGuid, { phone: '+15557654321' }, { json: true })).json()
        await first.stop()
        // Second server, with its dispatcher, on the same data: the request goes on from `requested`.
        const second = await buildApp({ config, database, logger: testLogger(), dispatch: true })
        try {
          const done = await until('completed after the restart', () => callbackRequestById(second.core, requestId), (r) => r.status === 'completed')
          assert.equal(done.failureReason, null)
        } finally {
          await second.stop()
        }
      } finally {
        await database.close()
        rmSync(config.dataDir, { recursive: true, force: true })
      }
    })
  })
}
