import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/rows.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { freePort, Kannel } from '../helpers/kannel.ts'
import { until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

// Issue 18 points 2 and 6: SMS through a Kannel provider (spec/gateways.md §3) against real Kannel
// (bearerbox, smsbox, fakesmsc): sends with a signed dlr-url, Kannel's delivery reports, mobile-originated
// messages through the sms-service the native API prints, and refused or forged callbacks.

const CONTACTS = 8
const KANNEL_PASSWORD = 'kannel-Pw-3381'
const ADMIN_TOKEN = 'kannel-flow-admin-token-0001'

for (const kind of TEST_DATABASES) {
  describe(`SMS over Kannel, spec/gateways.md §3 (${kind})`, () => {
    let app: TestApp
    let kannel: Kannel
    let baseUrl: string
    let call: (method: string, url: string, payload?: unknown, contentType?: string) => Promise<{ status: number; body: unknown }>
    const ok = async (method: string, url: string, payload?: unknown, contentType?: string) => {
      const res = await call(method, url, payload, contentType)
      assert.equal(res.status, 200, `${method} ${url}: ${JSON.stringify(res.body)}`)
      return res.body
    }
    let accountId: number
    let providerId: number
    let config: string

    before(async () => {
      const port = await freePort()
      baseUrl = `http://127.0.0.1:${port}`
      app = await startTestApp(kind, { port, host: '127.0.0.1', publicBaseUrl: baseUrl }, { dispatch: true, adminToken: ADMIN_TOKEN })
      await app.listen()
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
      const sendsmsPort = await freePort()
      providerId = await ok('POST', '/api/providers', {
        name: 'kannel', type: 'http', host: '127.0.0.1', port: sendsmsPort, username: 'switchboard', password: KANNEL_PASSWORD,
        settings: JSON.stringify({ retry_backoff_ms: 20 }),
      }) as number
      // Kannel runs with the groups the native API prints (the password filled in by the operator).
      const res = await app.http.inject({ method: 'GET', url: `/native/providers/${providerId}/kannel-config`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
      assert.equal(res.statusCode, 200, res.body)
      config = res.body
      kannel = await Kannel.start({ sendsmsPort, groups: config.replace('"<the provider\'s password>"', `"${KANNEL_PASSWORD}"`) })
    })
    after(async () => {
      await app?.stop()
      await kannel?.stop()
    })

    const resultsOf = (campaignId: number) => queryRows<{ spool_id: number; name: string; data: string }>(app.core.db, sql`select r.spool_id, r.name, r.data
      from spool_results r join spools s on s.id = r.spool_id join transmissions t on t.id = s.transmission_id
      where t.campaign_id = ${campaignId} and r.type = 'info' order by r.id`)
    const statuses = async (campaignId: number) => (await ok('GET', `/api/transmissions?campaign_id=${campaignId}`) as { status: string; response: string | null }[])

    async function campaign(text: string, contacts = CONTACTS): Promise<{ campaignId: number; numbers: string[] }> {
      const textId = await ok('POST', '/api/messages/texts', { name: `t${Date.now()}`, data: text }) as number
      const programId = await ok('POST', '/api/programs/sendsms', { name: `p${Date.now()}`, text_id: textId }) as number
      const groupId = await ok('POST', '/api/groups', { name: `g${Date.now()}` }) as number
      const numbers = Array.from({ length: contacts }, (_, i) => `+1666${String(groupId).padStart(3, '0')}${String(i).padStart(4, '0')}`)
      await ok('POST', `/api/groups/${groupId}/csv`, numbers.map((n, i) => `${n},First${i},Last${i}`).join('\n'), 'text/csv')
      const campaignId = await ok('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
      await ok('POST', `/api/campaigns/${campaignId}/start`)
      return { campaignId, numbers }
    }
    const arrivedAt = (numbers: string[]) => kannel.received.filter((m) => numbers.includes(m.to) || numbers.includes(`+${m.to}`))

    test('the native API prints the sendsms-user and sms-service groups with a signed MO get-url, never the password', () => {
      assert.match(config, /group = sendsms-user\nusername = "switchboard"\n/)
      assert.match(config, new RegExp(`get-url = "${baseUrl}/native/gateways/${providerId}/kannel/mo\\?from=%p&to=%P&text=%a&coding=%c&charset=%C&sig=[0-9a-f]{64}"`))
      assert.ok(!config.includes(KANNEL_PASSWORD))
    })

    test('a campaign goes through Kannel to the SMSC: each spool completed once, Kannel\'s delivery reports stored as result rows', async () => {
      const { campaignId, numbers } = await campaign('Hello through Kannel: 100% {ok}')
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed', { timeoutMs: 20_000 })
      assert.ok((await statuses(campaignId)).every((t) => t.status === 'completed'))
      const rows = await until('every delivery report stored', () => resultsOf(campaignId), (r) => r.filter((x) => x.name === 'delivery').length === CONTACTS, { timeoutMs: 20_000 })
      assert.ok(rows.filter((r) => r.name === 'delivery').every((r) => r.data === 'delivered'))
      assert.equal(new Set(rows.filter((r) => r.name === 'message_id').map((r) => r.spool_id)).size, CONTACTS)
      const arrived = arrivedAt(numbers)
      assert.equal(arrived.length, CONTACTS, 'each message reached the SMSC once')
      assert.ok(arrived.every((m) => m.text === 'Hello through Kannel: 100% {ok}' && m.from === '+15550000000'), JSON.stringify(arrived[0]))
    })

    test('text outside GSM 03.38 is sent as UCS-2 and arrives intact', async () => {
      const { campaignId, numbers } = await campaign('Привет, 世界 ✓', 2)
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed', { timeoutMs: 20_000 })
      const arrived = await until('both at the SMSC', () => arrivedAt(numbers), (a) => a.length === 2)
      assert.ok(arrived.every((m) => m.type === 'ucs-2' && m.text === 'Привет, 世界 ✓'), JSON.stringify(arrived))
    })

    test('complete_on delivery: spools stay connected until Kannel\'s delivery report completes them', async () => {
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ retry_backoff_ms: 20, complete_on: 'delivery' }) })
      const { campaignId } = await campaign('Wait for the report', 3)
      await until('completion', async () => (await ok('GET', `/api/campaigns/${campaignId}`) as { status: string }).status, (s) => s === 'completed', { timeoutMs: 20_000 })
      const rows = await resultsOf(campaignId)
      assert.equal(rows.filter((r) => r.name === 'delivery' && r.data === 'delivered').length, 3, 'completed by their reports')
      await ok('PUT', `/api/providers/${providerId}`, { settings: JSON.stringify({ retry_backoff_ms: 20 }) })
    })

    test('a mobile-originated SMS through Kannel\'s sms-service is received by the account\'s receivesms program', async () => {
      await ok('PUT', `/api/accounts/${accountId}/programs/receivesms`)
      await kannel.mo('15557770000', '15550000000', 'Yes please')
      const [text] = await until('the inbound SMS stored', () => queryRows<{ data: string }>(app.core.db, sql`select data from texts where name = 'SMS from +15557770000'`), (r) => r.length === 1, { timeoutMs: 20_000 })
      assert.equal(text?.data, 'Yes please')
    })

    test('a Unicode mobile-originated SMS keeps its text', async () => {
      await kannel.mo('15557770001', '15550000000', 'Ответ: да ✓', true)
      const [text] = await until('the inbound SMS stored', () => queryRows<{ data: string }>(app.core.db, sql`select data from texts where name = 'SMS from +15557770001'`), (r) => r.length === 1, { timeoutMs: 20_000 })
      assert.equal(text?.data, 'Ответ: да ✓')
    })

    test('a delivery report or MO call without the right signature is refused with 403 and changes nothing', async () => {
      const [spool] = await queryRows<{ id: number }>(app.core.db, sql`select id from spools where provider_id = ${providerId} order by id limit 1`)
      const before = await queryRows<{ n: number }>(app.core.db, sql`select count(*)::int as n from spool_results where spool_id = ${spool!.id}`)
      for (const url of [
        `/native/gateways/${providerId}/kannel/dlr?spool=${spool!.id}&type=2&smsc_id=fake&reply=`,
        `/native/gateways/${providerId}/kannel/dlr?spool=${spool!.id}&type=2&sig=${'0'.repeat(64)}`,
        `/native/gateways/${providerId}/kannel/mo?from=15557770000&to=15550000000&text=forged&sig=${'a'.repeat(64)}`,
      ]) {
        const res = await app.http.inject({ method: 'GET', url })
        assert.equal(res.statusCode, 403, url)
      }
      const afterRows = await queryRows<{ n: number }>(app.core.db, sql`select count(*)::int as n from spool_results where spool_id = ${spool!.id}`)
      assert.deepEqual(afterRows, before)
      assert.equal((await queryRows(app.core.db, sql`select id from texts where data = 'forged'`)).length, 0)
    })

    test('Kannel refusing the sendsms user (4xx) fails each spool at once with Kannel\'s answer', async () => {
      await ok('PUT', `/api/providers/${providerId}`, { password: 'not-the-password' })
      const { campaignId, numbers } = await campaign('Refused', 2)
      const done = await until('both failed', () => statuses(campaignId), (ts) => ts.length === 2 && ts.every((t) => t.status === 'failed'), { timeoutMs: 20_000 })
      assert.ok(done.every((t) => /^kannel 403 Authorization failed/.test(t.response ?? '')), JSON.stringify(done))
      assert.equal(arrivedAt(numbers).length, 0)
      await ok('PUT', `/api/providers/${providerId}`, { password: KANNEL_PASSWORD })
    })

    test('the Kannel configuration of another tenant\'s provider is not found for a reseller\'s admin', async () => {
      const reseller = await app.reseller()
      const admin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      const res = await app.http.inject({ method: 'GET', url: `/native/providers/${providerId}/kannel-config`, headers: { authorization: basic(admin.username, admin.password) } })
      assert.equal(res.statusCode, 404, res.body)
    })
  })
}
