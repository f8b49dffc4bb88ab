import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import type { Core } from '../../../src/core/core.ts'
import { claimDueSpools, recordGatewayEvents, type DeliveryEvent } from '../../../src/core/delivery/index.ts'
import { receiveInbound, spools } from '../../../src/core/transmissions/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

type Who = { id: number; username: string; password: string }
type Row = Record<string, unknown>
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const SPOOL_NOT_FOUND = { error: { code: 404, message: 'Spool not found' } }
const TRANSMISSION_NOT_FOUND = { error: { code: 404, message: 'Transmission not found' } }
const SPOOL_FIELDS = ['spool_id', 'transmission_id', 'status', 'response', 'time_spool', 'time_start', 'time_connect', 'time_end', 'amount', 'service_flag', 'provider_id', 'account_id']
const RESULT_FIELDS = ['spool_result_id', 'spool_id', 'type', 'name', 'data', 'date_created']
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')
const FAX_OK: DeliveryEvent[] = [
  { kind: 'step', step: 'originate', ok: true }, { kind: 'pages', pages: 4 }, { kind: 'step', step: 'fax_send', ok: true },
  { kind: 'step', step: 'disconnect', ok: true }, { kind: 'completed' },
]

for (const kind of TEST_DATABASES) {
  describe(`ICTCore spools and results, spec §4.8, §5.10, §5.11, §6 (${kind})`, () => {
    let app: TestApp
    let admin: Who
    let alice: Who
    let bob: Who
    let providerId = 0
    let fax = 0
    let bobFax = 0
    let call: (method: string, url: string, payload?: unknown, as?: Who) => Promise<LightMyRequestResponse>
    const json = async (url: string, as: Who = alice): Promise<unknown> => {
      const res = await call('GET', url, undefined, as)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return res.json()
    }
    const ids = (rows: unknown, key = 'spool_id') => (rows as Row[]).map((r) => r[key])
    async function post(url: string, payload?: unknown, as: Who = alice): Promise<number> {
      const res = await call('POST', url, payload, as)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return res.json() as number
    }
    /** The core with its clock at `seconds` after a fixed instant, so spool times are exact. */
    const BASE = Date.UTC(2030, 0, 1)
    const at = (seconds: number): Core => ({ ...app.core, now: () => new Date(BASE + seconds * 1000) })
    /** A new transmission of `program` to a fresh contact, sent: its id and the queued spool's id. */
    async function sent(program: number, as: Who = alice): Promise<{ tid: number; spoolId: number }> {
      const tid = await post('/api/transmissions', { program_id: program, phone: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }, as)
      return { tid, spoolId: await post(`/api/transmissions/${tid}/send`, undefined, as) }
    }

    before(async () => {
      app = await startTestApp(kind)
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null, { phone: '+15550001111' })
      bob = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      providerId = await post('/api/providers', { name: 'sandbox', type: 'sandbox' }, admin)
      for (const who of [alice, bob]) {
        const doc = await post('/api/messages/documents', { name: 'd' }, who)
        const up = await app.http.inject({ method: 'PUT', url: `/api/messages/documents/${doc}/media`, payload: PDF, headers: { ...basic(who), 'content-type': 'application/pdf' } })
        assert.equal(up.statusCode, 200)
        const program = await post('/api/programs/sendfax', { document_id: doc }, who)
        if (who === alice) fax = program
        else bobFax = program
      }
    })
    after(async () => { await app.stop() })

    test('a spool shows every §5.10 field; amount is the seconds between connect and end', async () => {
      const { tid, spoolId } = await sent(fax)
      await recordGatewayEvents(at(10), [{ spoolId, events: [{ kind: 'connected' }] }])
      await recordGatewayEvents(at(52), [{ spoolId, events: FAX_OK }])
      const s = await json(`/api/spools/${spoolId}`) as Row
      assert.deepEqual(Object.keys(s).sort(), [...SPOOL_FIELDS].sort())
      const [account] = await json('/api/accounts') as Row[]
      assert.deepEqual({ ...s, time_spool: 0 }, {
        spool_id: spoolId, transmission_id: tid, status: 'completed', response: null, time_spool: 0, time_start: null,
        time_connect: BASE / 1000 + 10, time_end: BASE / 1000 + 52, amount: 42, service_flag: 2, provider_id: providerId, account_id: account!.account_id,
      })
      assert.equal(typeof s.time_spool, 'number')
    })

    test('a spool that never connected has amount 0', async () => {
      const { spoolId } = await sent(fax)
      await recordGatewayEvents(at(5), [{ spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
      const s = await json(`/api/spools/${spoolId}`) as Row
      assert.deepEqual([s.status, s.response, s.time_connect, s.time_end, s.amount], ['failed', 'busy', null, BASE / 1000 + 5, 0])
    })

    test('GET /spools/{id}/status is the bare state through queued, started, connected and completed', async () => {
      const { spoolId } = await sent(fax)
      const status = async () => {
        const res = await call('GET', `/api/spools/${spoolId}/status`)
        assert.equal(res.statusCode, 200)
        assert.match(String(res.headers['content-type']), /^application\/json/)
        return res.body
      }
      assert.equal(await status(), '"queued"')
      const claimed = await claimDueSpools(app.core, 'test-worker', 10000, 60000)
      assert.ok(claimed.some((c) => c.id === spoolId))
      assert.equal(await status(), '"started"')
      assert.equal(typeof (await json(`/api/spools/${spoolId}`) as Row).time_start, 'number')
      await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'connected' }] }])
      assert.equal(await status(), '"connected"')
      await recordGatewayEvents(app.core, [{ spoolId, events: FAX_OK }])
      assert.equal(await status(), '"completed"')
    })

    test('another user\'s spool and an unknown spool are 404 Spool not found on every spool route', async () => {
      const { spoolId } = await sent(fax)
      for (const path of ['', '/status', '/result', '/results']) {
        assert.deepEqual((await call('GET', `/api/spools/${spoolId}${path}`, undefined, bob)).json(), SPOOL_NOT_FOUND, path)
        assert.deepEqual((await call('GET', `/api/spools/999999${path}`)).json(), SPOOL_NOT_FOUND, path)
      }
      assert.equal((await json(`/api/spools/${spoolId}`, admin) as Row).spool_id, spoolId, 'admins see every spool')
    })

    test('GET /spools lists the caller\'s spools newest first; admins see everyone\'s', async () => {
      const a = await sent(fax)
      const b = await sent(bobFax, bob)
      const c = await sent(fax)
      const mine = ids(await json('/api/spools'))
      assert.deepEqual(mine.slice(0, 2), [c.spoolId, a.spoolId])
      assert.ok(!mine.includes(b.spoolId))
      assert.deepEqual([...mine].sort((x, y) => (y as number) - (x as number)), mine)
      assert.deepEqual(ids(await json('/api/spools', bob)), [b.spoolId, ...ids(await json('/api/spools', bob)).slice(1)])
      assert.deepEqual(ids(await json('/api/spools?limit=3', admin)), [c.spoolId, b.spoolId, a.spoolId])
      assert.deepEqual(Object.keys((await json('/api/spools?limit=1') as Row[])[0]!).sort(), [...SPOOL_FIELDS].sort())
    })

    test('spool list filters: status, transmission_id, service_flag bitmask, provider_id, account_id, response; limit and offset', async () => {
      const carol = await app.user(null)
      const text = await post('/api/messages/texts', { name: 't', data: 'x' }, carol)
      const program = await post('/api/programs/sendsms', { text_id: text }, carol)
      const first = await sent(program, carol)
      await recordGatewayEvents(app.core, [{ spoolId: first.spoolId, events: [{ kind: 'failed', cause: 'Network Busy' }] }])
      const second = await post(`/api/transmissions/${first.tid}/retry`, undefined, carol)
      const other = await sent(program, carol)
      const list = async (q: string) => ids(await json(`/api/spools${q}`, carol))
      assert.deepEqual(await list(''), [other.spoolId, second, first.spoolId])
      assert.deepEqual(await list('?status=failed'), [first.spoolId])
      assert.deepEqual(await list('?status=queued'), [other.spoolId, second])
      assert.deepEqual(await list(`?transmission_id=${first.tid}`), [second, first.spoolId])
      assert.deepEqual(await list(`?spool_id=${second}`), [second])
      assert.deepEqual(await list('?service_flag=6'), [other.spoolId, second, first.spoolId])
      assert.deepEqual(await list('?service_flag=2'), [])
      assert.deepEqual(await list(`?provider_id=${providerId}`), [other.spoolId, second, first.spoolId])
      assert.deepEqual(await list('?provider_id=999999'), [])
      const [account] = await json('/api/accounts', carol) as Row[]
      assert.deepEqual(await list(`?account_id=${account!.account_id}`), [other.spoolId, second, first.spoolId])
      assert.deepEqual(await list('?response=network busy'), [first.spoolId])
      assert.deepEqual(await list('?limit=1&offset=1'), [second])
      assert.deepEqual(await list(`?user_id=${alice.id}`), [other.spoolId, second, first.spoolId], 'user_id is not a spool filter')
      for (const [q, field] of [['status=failed&limit=0', 'limit'], ['offset=x', 'offset'], ['service_flag=sms', 'service_flag'], ['transmission_id=1.5', 'transmission_id']]) {
        assert.deepEqual((await call('GET', `/api/spools?${q}`, undefined, carol)).json(), failed(field!), q)
      }
    })

    test('after and before (unix seconds) bound time_spool on spool lists and date_created on result lists', async () => {
      const erin = await app.user(null)
      const text = await post('/api/messages/texts', { name: 't', data: 'x' }, erin)
      const program = await post('/api/programs/sendsms', { text_id: text }, erin)
      const base = 1_900_000_000
      const made: { tid: number; spoolId: number }[] = []
      for (const offset of [0, 10, 20]) {
        const s = await sent(program, erin)
        await app.core.db.update(spools).set({ timeSpool: new Date((base + offset) * 1000 + 250) }).where(eq(spools.id, s.spoolId))
        made.push(s)
      }
      const list = async (q: string) => ids(await json(`/api/spools${q}`, erin))
      assert.deepEqual(await list(`?after=${base + 10}`), [made[2]!.spoolId, made[1]!.spoolId])
      assert.deepEqual(await list(`?before=${base + 10}`), [made[1]!.spoolId, made[0]!.spoolId])
      assert.deepEqual(ids(await json(`/api/transmissions/${made[0]!.tid}/detail?before=${base}`, erin)), [made[0]!.spoolId])
      assert.deepEqual(await json(`/api/transmissions/${made[0]!.tid}/detail?after=${base + 1}`, erin), [])
      assert.deepEqual((await call('GET', '/api/spools?before=soon', undefined, erin)).json(), failed('before'))
      await recordGatewayEvents(at(0), [{ spoolId: made[0]!.spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
      assert.equal((await json(`/api/spools/${made[0]!.spoolId}/result?after=${BASE / 1000}`, erin) as Row[]).length, 1)
      assert.deepEqual(await json(`/api/spools/${made[0]!.spoolId}/result?after=${BASE / 1000 + 1}`, erin), [])
    })

    test('GET /spools has a default and maximum limit of 5000', async () => {
      const dave = await app.user(null)
      const text = await post('/api/messages/texts', { name: 't', data: 'x' }, dave)
      const { tid } = await sent(await post('/api/programs/sendsms', { text_id: text }, dave), dave)
      await app.core.db.execute(sql`insert into spools (transmission_id, status, service_flag) select ${tid}, 'failed', 4 from generate_series(1, 5000)`)
      assert.equal((await json('/api/spools', dave) as Row[]).length, 5000)
      assert.equal((await json('/api/spools?limit=9000', dave) as Row[]).length, 5000)
      assert.equal((await json('/api/spools?offset=5000', dave) as Row[]).length, 1)
      assert.equal((await json(`/api/transmissions/${tid}/detail`, dave) as Row[]).length, 5000)
    })

    test('GET /spools/{id}/result lists the spool\'s result rows in order; /results is the same', async () => {
      const { spoolId } = await sent(fax)
      await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'connected' }, ...FAX_OK] }])
      const rows = await json(`/api/spools/${spoolId}/result`) as Row[]
      assert.deepEqual(Object.keys(rows[0]!).sort(), [...RESULT_FIELDS].sort())
      assert.deepEqual(rows.map((r) => [r.spool_id, r.type, r.name, r.data]), [
        [spoolId, 'application', 'originate', 'success'], [spoolId, 'info', 'pages', '4'],
        [spoolId, 'application', 'fax_send', 'success'], [spoolId, 'application', 'disconnect', 'success'],
      ])
      assert.deepEqual(await json(`/api/spools/${spoolId}/results`), rows)
      assert.ok(rows.every((r) => typeof r.spool_result_id === 'number' && typeof r.date_created === 'number'))
    })

    test('result filters: name and type exact, data substring, spool_result_id; limit and offset', async () => {
      const { spoolId } = await sent(fax)
      await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'connected' }, ...FAX_OK] }])
      const all = await json(`/api/spools/${spoolId}/result`) as Row[]
      const q = async (query: string) => (await json(`/api/spools/${spoolId}/result${query}`) as Row[]).map((r) => `${r.type}/${r.name}=${r.data}`)
      assert.deepEqual(await q('?name=pages'), ['info/pages=4'])
      assert.deepEqual(await q('?name=page'), [], 'name is exact')
      assert.deepEqual(await q('?type=application'), ['application/originate=success', 'application/fax_send=success', 'application/disconnect=success'])
      assert.deepEqual(await q('?data=SUCC&name=fax_send'), ['application/fax_send=success'])
      assert.deepEqual(await q(`?spool_result_id=${all[1]!.spool_result_id}`), ['info/pages=4'])
      assert.deepEqual(await q('?limit=2&offset=1'), ['info/pages=4', 'application/fax_send=success'])
      assert.deepEqual((await call('GET', `/api/spools/${spoolId}/result?spool_result_id=x`)).json(), failed('spool_result_id'))
    })

    test('GET /transmissions/{id}/detail lists its spools oldest first; /logs and /spools are the same; spool filters apply', async () => {
      const { tid, spoolId } = await sent(fax)
      await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
      const second = await post(`/api/transmissions/${tid}/retry`)
      const detail = await json(`/api/transmissions/${tid}/detail`)
      assert.deepEqual(ids(detail), [spoolId, second])
      assert.deepEqual(Object.keys((detail as Row[])[0]!).sort(), [...SPOOL_FIELDS].sort())
      assert.deepEqual(await json(`/api/transmissions/${tid}/logs`), detail)
      assert.deepEqual(await json(`/api/transmissions/${tid}/spools`), detail)
      assert.deepEqual(ids(await json(`/api/transmissions/${tid}/detail?status=queued`)), [second])
      assert.deepEqual(ids(await json(`/api/transmissions/${tid}/detail?limit=1&offset=1`)), [second])
      assert.deepEqual(await json(`/api/transmissions/${(await post('/api/transmissions', { program_id: fax, phone: '+15550009999' }))}/detail`), [])
      for (const path of ['detail', 'logs', 'spools', 'result', 'results']) {
        assert.deepEqual((await call('GET', `/api/transmissions/${tid}/${path}`, undefined, bob)).json(), TRANSMISSION_NOT_FOUND, path)
      }
    })

    test('GET /transmissions/{id}/result lists the latest spool\'s results only, [] when there is no spool or none yet', async () => {
      const tid = await post('/api/transmissions', { program_id: fax, phone: '+15550008888' })
      assert.deepEqual(await json(`/api/transmissions/${tid}/result`), [])
      const first = await post(`/api/transmissions/${tid}/send`)
      await recordGatewayEvents(app.core, [{ spoolId: first, events: [{ kind: 'step', step: 'originate', ok: false }, { kind: 'failed', cause: 'busy' }] }])
      assert.deepEqual(ids(await json(`/api/transmissions/${tid}/result`)), [first, first])
      const second = await post(`/api/transmissions/${tid}/retry`)
      assert.deepEqual(await json(`/api/transmissions/${tid}/result`), [], 'the latest spool has no results yet')
      await recordGatewayEvents(app.core, [{ spoolId: second, events: [{ kind: 'connected' }, ...FAX_OK] }])
      const rows = await json(`/api/transmissions/${tid}/results`) as Row[]
      assert.deepEqual(rows.map((r) => `${r.spool_id}:${r.type}/${r.name}=${r.data}`), [
        `${second}:application/originate=success`, `${second}:info/pages=4`, `${second}:application/fax_send=success`, `${second}:application/disconnect=success`,
      ])
      assert.deepEqual((await json(`/api/transmissions/${tid}/result?name=pages`) as Row[]).map((r) => r.data), ['4'])
      assert.deepEqual(await json(`/api/transmissions/${tid}/result?name=document`), [])
    })

    test('an inbound SMS reads through the same routes: message/text and contact/contact_new rows', async () => {
      const account = ((await json('/api/accounts')) as Row[])[0]!
      const program = await post('/api/programs/receivesms', { account_id: account.account_id })
      assert.ok(program > 0)
      const { transmissionId, spoolId } = await receiveInbound(app.core, { service: 'sms', from: '+15557776666', to: '+15550001111', text: 'STOP' })
      const t = await json(`/api/transmissions/${transmissionId}`) as Row
      assert.deepEqual([t.direction, t.status, t.program_id, t.contact_phone, t.service_flag], ['inbound', 'completed', program, '+15557776666', 4])
      const rows = await json(`/api/transmissions/${transmissionId}/result`) as Row[]
      assert.deepEqual(rows.map((r) => `${r.type}/${r.name}`), ['contact/contact_new', 'message/text', 'application/sms_receive'])
      assert.equal(rows[0]!.data, String(t.contact_id))
      assert.equal((await json(`/api/messages/texts/${rows[1]!.data}`) as Row).data, 'STOP')
      assert.deepEqual(ids(await json(`/api/transmissions?direction=inbound`), 'transmission_id'), [transmissionId])
      assert.equal((await json(`/api/spools/${spoolId}`) as Row).status, 'completed')
    })
  })
}
