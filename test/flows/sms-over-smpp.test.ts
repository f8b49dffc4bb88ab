import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/rows.ts'
import { availableGateways, Dispatcher } from '../../src/dispatch/index.ts'
import { encodeText } from '../../src/gateways/smpp/text-coding.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { holdsFor, until } from '../helpers/poll.ts'
import { Smsc } from '../helpers/smsc.ts'
import { basic } from '../helpers/wire.ts'

// Issue 18 points 1 and 6: SMS campaigns through an SMPP provider to a real SMPP peer (the SMSC
// simulator), from the ICTCore API to result rows, with an SMSC crash in the middle; and a
// mobile-originated SMS arriving as inbound traffic (spec/gateways.md §1, §2; spec/ictcore.md §7.4).

const CONTACTS = 25
const PASSWORD = 'smsc-Pw-4411'
const ADMIN_TOKEN = 'smpp-flow-admin-token-0001'

/** A local port nothing listens on (a provider that is down). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

for (const kind of TEST_DATABASES) {
  describe(`SMS over SMPP, spec/gateways.md §2 (${kind})`, () => {
    let app: TestApp
    let smsc: Smsc
    let call: (method: string, url: string, payload?: unknown, contentType?: string) => Promise<{ status: number; body: unknown }>
    const ok = async (method: string, url: string, payload?: unknown, contentType?: string) => {
      const res = await call(method, url, payload, contentType)
      assert.equal(res.status, 200, `${method} ${url}: ${JSON.stringify(res.body)}`)
      return res.body
    }
    let accountId: number
    let providerId: number
    /** The dispatcher that replaced the app's (the restart test). */
    let successor: Dispatcher | null = null

    before(async () => {
      smsc = await Smsc.start({ systemId: 'switchboard', password: PASSWORD })
      app = await startTestApp(kind, {}, { dispatch: true, adminToken: ADMIN_TOKEN })
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      call = async (method, url, payload, contentType = 'application/json') => {
        const res = await app.http.inject({
          method: method as 'POST', url, headers: { authorization: auth, 'content-type': contentType },
          payload: payload === undefined ? undefined : typeof payload === 'string' ? payload : JSON.stringify(payload),
        })
        return { status: res.statusCode, body: res.body ? res.json() : undefined }
      }
      accountId = await ok('POST', '/api/accounts', { username: 'sender', phone: '+15550000000' }) as number
      providerId = await ok('POST', '/api/providers', {
        name: 'smsc', type: 'smpp', weight: 5, host: '127.0.0.1', port: smsc.port, username: 'switchboard', password: PASSWORD,
        settings: JSON.stringify({ window: 4, retry_backoff_ms: 20, retry_max: 5 }),
      }) as number
    })
    after(async () => {
      await successor?.stop()
      await app.stop()
      await smsc.stop()
    })

    const resultsOf = (campaignId: number) => queryRows<{ spool_id: number; name: string; data: string }>(app.core.db, sql`select r.spool_id, r.name, r.data
      from spool_results r join spools s on s.id = r.spool_id join transmissions t on t.id = s.transmission_id
      where t.campaign_id = ${campaignId} and r.type = 'info' order by r.id`)

    async function campaign(text: string): Promise<number> {
      const textId = await ok('POST', '/api/messages/texts', { name: `t${Date.now()}`, data: text }) as number
      const programId = await ok('POST', '/api/programs/sendsms', { name: `p${Date.now()}`, text_id: textId }) as number
      const groupId = await ok('POST', '/api/groups', { name: `g${Date.now()}` }) as number
      const csv = Array.from({ length: CONTACTS }, (_, i) => `+1555${String(groupId).padStart(3, '0')}${String(i).padStart(4, '0')},First${i},Last${i}`).join('\n')
      await ok('POST', `/api/groups/${groupId}/csv`, csv, 'text/csv')
      const campaignId = await ok('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
      await ok('POST', `/api/campaigns/${campaignId}/start`)
      return campaignId
    }

    test('a campaign is delivered through the SMSC: each spool completed once, with its message id and its delivery report as result rows', async () => {
      const before = smsc.submits.length
      const campaignId = await campaign('Hello from SMPP: {ok} €1')
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed')
      const transmissions = await ok('GET', `/api/transmissions?campaign_id=${campaignId}`) as { status: string; try_done: number }[]
      assert.equal(transmissions.length, CONTACTS)
      assert.ok(transmissions.every((t) => t.status === 'completed' && t.try_done === 1))
      const submits = smsc.submits.slice(before)
      assert.equal(submits.length, CONTACTS, 'each contact submitted once')
      // Receipts come after the acceptance completed the spool (complete_on accept): still stored.
      const rows = await until('every delivery report stored', () => resultsOf(campaignId), (r) => r.filter((x) => x.name === 'delivery').length === CONTACTS)
      const ids = rows.filter((r) => r.name === 'message_id')
      assert.deepEqual(ids.map((r) => r.data).sort(), submits.map((s) => s.messageId).sort())
      assert.equal(new Set(ids.map((r) => r.spool_id)).size, CONTACTS)
      assert.ok(rows.filter((r) => r.name === 'delivery').every((r) => r.data === 'delivered'))
    })

    test('the SMSC dropping every connection mid-campaign: every contact completed, nothing sent twice beyond the window', async () => {
      const before = smsc.submits.length
      smsc.behaviour.holdResponses = true
      const campaignId = await campaign('Crash test')
      await until('the window full', () => smsc.heldCount, (n) => n === 4)
      smsc.release()
      await until('the window full again', () => smsc.heldCount, (n) => n === 4)
      smsc.drop()
      smsc.behaviour.holdResponses = false
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed', { timeoutMs: 30_000 })
      const transmissions = await ok('GET', `/api/transmissions?campaign_id=${campaignId}`) as { status: string }[]
      assert.ok(transmissions.every((t) => t.status === 'completed'))
      const destinations = smsc.submits.slice(before).map((s) => s.sm.destination)
      assert.equal(new Set(destinations).size, CONTACTS, 'nothing lost')
      assert.ok(destinations.length <= CONTACTS + 4, `only the window's submits went twice (${destinations.length} submits)`)
    })

    test('a mobile-originated SMS to the account\'s phone is received by its receivesms program', async () => {
      await ok('PUT', `/api/accounts/${accountId}/programs/receivesms`)
      await until('a receiving session bound', () => smsc.sessions.length, (n) => n > 0)
      const refusedBefore = smsc.deliverResponses.filter((r) => r !== 0).length
      smsc.sendMo({ source: '15557770000', sourceTon: 1, destination: '15550000000', destTon: 1, dataCoding: 8, shortMessage: encodeText('Ответ: да', 'ucs2') })
      const [text] = await until('the inbound SMS stored', () => queryRows<{ data: string }>(app.core.db, sql`select data from texts where name = 'SMS from +15557770000'`), (r) => r.length === 1)
      assert.equal(smsc.deliverResponses.filter((r) => r !== 0).length, refusedBefore, 'answered ESME_ROK')
      assert.equal(text?.data, 'Ответ: да')
    })

    test('complete_on delivery: spools wait connected, their message ids stored, until the receipts decide completed or failed', async () => {
      const settings = { window: 4, retry_backoff_ms: 20, retry_max: 5 }
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ ...settings, complete_on: 'delivery' }) })
      smsc.behaviour.receipts = 'none'
      const before = smsc.submits.length
      const campaignId = await campaign('Wait for the receipt')
      await until('every message submitted', () => smsc.submits.length - before, (n) => n === CONTACTS)
      const statuses = async () => (await ok('GET', `/api/transmissions?campaign_id=${campaignId}`) as { status: string; response: string | null }[])
      await until('every message id stored', () => resultsOf(campaignId), (r) => r.filter((x) => x.name === 'message_id').length === CONTACTS)
      assert.ok((await statuses()).every((t) => t.status === 'processing'), 'accepted is not the end with complete_on delivery')
      const submits = smsc.submits.slice(before)
      submits.forEach((s, i) => smsc.sendReceipt(s.messageId, i === 0 ? 'UNDELIV' : 'DELIVRD'))
      const done = await until('every receipt applied', statuses, (ts) => ts.every((t) => t.status === 'completed' || t.status === 'failed' || t.status === 'pending'))
      assert.equal(done.filter((t) => t.status === 'completed').length, CONTACTS - 1)
      assert.deepEqual(done.filter((t) => t.status !== 'completed').map((t) => t.response), ['delivery undeliverable'])
      smsc.behaviour.receipts = 'after'
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify(settings) })
    })

    const health = async (id: number) => {
      const res = await app.http.inject({ method: 'GET', url: `/native/providers/${id}/health`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as { state: string; since: string; detail: string; window_in_use: number; sent_per_s: number; errors_last_5m: number }
    }

    test('a down provider takes no spools: routing falls over to the next by weight; the health route and /metrics show both (spec/gateways.md §1)', async () => {
      const up = await until('the SMSC provider up', () => health(providerId), (h) => h.state === 'up')
      assert.equal(up.window_in_use, 0)
      assert.ok(!Number.isNaN(Date.parse(up.since)))
      const dead = await ok('POST', '/api/providers', {
        name: 'dead smsc', type: 'smpp', weight: 1, host: '127.0.0.1', port: await closedPort(), username: 'switchboard', password: PASSWORD,
      }) as number
      const down = await until('the dead provider down', () => health(dead), (h) => h.state === 'down', { timeoutMs: 15_000 })
      assert.match(down.detail, /ECONNREFUSED/)
      assert.ok(down.errors_last_5m >= 1)
      const before = smsc.submits.length
      const campaignId = await campaign('Through the next provider by weight')
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed')
      assert.equal(smsc.submits.length - before, CONTACTS, 'every message went through the provider that is up')
      const [routed] = await queryRows<{ providers: number[] }>(app.core.db, sql`select array_agg(distinct s.provider_id) as providers
        from spools s join transmissions t on t.id = s.transmission_id where t.campaign_id = ${campaignId}`)
      assert.deepEqual(routed!.providers, [providerId])
      const metrics = (await app.http.inject({ method: 'GET', url: '/metrics' })).body
      assert.match(metrics, new RegExp(`switchboard_gateway_up\\{provider="${providerId}"\\} 1`))
      assert.match(metrics, new RegExp(`switchboard_gateway_up\\{provider="${dead}"\\} 0`))
      assert.match(metrics, new RegExp(`switchboard_gateway_sends_total\\{provider="${providerId}"\\} \\d+`))
      await ok('PUT', `/api/providers/${dead}`, { active: false })
      assert.equal((await health(dead)).state, 'disabled')
    })

    test('with no provider up, spools wait in the queue and are never failed for it; they are sent when the provider is up again (spec/gateways.md §1)', async () => {
      const settings = { window: 4, retry_backoff_ms: 20, retry_max: 5 }
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ ...settings, reconnect_max_s: 1 }) })
      await until('rebound with the new settings', () => health(providerId), (h) => h.state === 'up')
      smsc.behaviour.refuseBinds = true
      smsc.drop()
      await until('the provider down', () => health(providerId), (h) => h.state === 'down')
      const before = smsc.submits.length
      const campaignId = await campaign('Waits for the SMSC')
      const spoolStates = () => queryRows<{ status: string }>(app.core.db, sql`select s.status from spools s join transmissions t on t.id = s.transmission_id where t.campaign_id = ${campaignId}`)
      await until('spools deferred back to the queue', spoolStates, (r) => r.length === CONTACTS && r.some((x) => x.status === 'queued'))
      await holdsFor('nothing failed while no provider is up', spoolStates, (r) => r.every((x) => x.status === 'queued' || x.status === 'started'), { forMs: 2500 })
      assert.equal(smsc.submits.length, before)
      smsc.behaviour.refuseBinds = false
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed', { timeoutMs: 30_000 })
      assert.equal(new Set(smsc.submits.slice(before).map((x) => x.sm.destination)).size, CONTACTS)
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify(settings) })
    })

    test('receipts for messages an earlier process sent are found by their message id, applied once, and decide complete_on delivery', async () => {
      const settings = { window: 4, retry_backoff_ms: 20, retry_max: 5 }
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ ...settings, complete_on: 'delivery' }) })
      smsc.behaviour.receipts = 'none'
      const before = smsc.submits.length
      const campaignId = await campaign('Sent before the restart')
      await until('every message id stored', () => resultsOf(campaignId), (r) => r.filter((x) => x.name === 'message_id').length === CONTACTS)
      // The dispatcher restarts: the new one's gateway never saw these message ids.
      await app.dispatcher!.stop()
      successor = new Dispatcher(app.core, TEST_DISPATCH, availableGateways(app.core))
      await successor.start()
      await until('bound again', () => smsc.sessions.length, (n) => n === 1)
      const submits = smsc.submits.slice(before)
      submits.forEach((s, i) => smsc.sendReceipt(s.messageId, i === 0 ? 'EXPIRED' : 'DELIVRD'))
      smsc.sendReceipt(submits[1]!.messageId, 'DELIVRD')
      const statuses = async () => (await ok('GET', `/api/transmissions?campaign_id=${campaignId}`) as { status: string; response: string | null }[])
      const done = await until('every receipt applied', statuses, (ts) => ts.every((t) => t.status !== 'processing'), { timeoutMs: 20_000 })
      assert.equal(done.filter((t) => t.status === 'completed').length, CONTACTS - 1)
      assert.deepEqual(done.filter((t) => t.status !== 'completed').map((t) => t.response), ['delivery expired'])
      const deliveries = (await resultsOf(campaignId)).filter((r) => r.name === 'delivery')
      assert.equal(deliveries.length, CONTACTS, 'the repeated receipt is not stored twice')
      smsc.behaviour.receipts = 'after'
    })
  })
}
