import assert from 'node:assert/strict'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { and, eq, inArray } from 'drizzle-orm'
import { schedules } from '../../../src/core/schedules/schedules.table.ts'
import { recordGatewayEvents } from '../../../src/core/delivery/index.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

/** Idle poll of the dispatcher loops: on PGlite's one connection a 20 ms poll slows every request several times. */
const IDLE_TICK_MS = 50

type Who = { id: number; username: string; password: string }
type Row = Record<string, unknown>
const basic = (u: Who) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` })
const failed = (field: string) => ({ error: { code: 412, message: `Data validation failed, for ${field}` } })
const locked = (message: string) => ({ error: { code: 423, message } })
/** Sandbox script (§5.12): +1999… answers only after ten minutes, so its attempt stays in progress. */
const SCRIPT = { rules: [{ match: '^\\+1999', delay_ms: 600000 }] }
const nowSeconds = () => Math.floor(Date.now() / 1000)

/** The next time (unix seconds, after `from`) at which UTC hour:minute comes round. */
function nextDaily(hour: number, minute: number, from: number): number {
  const d = new Date(from * 1000)
  let at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), hour, minute) / 1000
  if (at <= from) at += 86400
  return at
}

let seq = 0

for (const kind of TEST_DATABASES) {
  describe(`ICTCore schedules of transmissions and campaigns, spec §4.3, §4.6, §5.14 (${kind})`, () => {
    let app: TestApp
    let admin: Who
    let alice: Who
    let bob: Who
    let sms = 0
    let call: (method: string, url: string, payload?: unknown, as?: Who) => Promise<LightMyRequestResponse>
    async function post(url: string, payload?: unknown, as: Who = alice): Promise<number> {
      const res = await call('POST', url, payload, as)
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return res.json() as number
    }
    const get = async (url: string): Promise<Row> => (await call('GET', `/api${url}`)).json() as Row
    const transmission = (prefix = '+1555', extra: Row = {}) => post('/api/transmissions', { program_id: sms, phone: `${prefix}${String(++seq).padStart(7, '0')}`, ...extra })
    const schedulesOf = (action: string[], target: number) => app.core.db.select().from(schedules).where(and(inArray(schedules.action, action as 'campaign_start'[]), eq(schedules.targetId, target)))
    async function campaignOf(phones: string[]): Promise<number> {
      const groupId = await post('/api/groups', { name: 'g' })
      for (const p of phones) {
        const cid = await post('/api/contacts', { phone: `${p}${String(++seq).padStart(7, '0')}` })
        await call('PUT', `/api/contacts/${cid}/link/${groupId}`)
      }
      return post('/api/campaigns', { program_id: sms, group_id: groupId, cpm: 600 })
    }

    before(async () => {
      app = await startTestApp(kind, { dispatch: { ...TEST_DISPATCH, tickMs: IDLE_TICK_MS } }, { dispatch: true })
      admin = await app.user(null, { roles: ['admin', 'user'] })
      alice = await app.user(null, { phone: '+15550001111' })
      bob = await app.user(null)
      call = (method, url, payload, as = alice) => app.http.inject({ method: method as 'GET', url, payload: payload as string, headers: basic(as) })
      await post('/api/providers', { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) }, admin)
      sms = await post('/api/programs/sendsms', { text_id: await post('/api/messages/texts', { name: 't', data: 'Hello' }) })
    })
    after(async () => { await app.stop() })

    describe('transmission schedules', () => {
      test('PUT and POST …/schedule answer the schedule id and set next_run to the due time of each form', async () => {
        const at = nowSeconds() + 7200
        const cases: [string, Row, (before: number) => number][] = [
          ['PUT', { delay: 3600 }, (t) => t + 3600],
          ['POST', { delay: '3600' }, (t) => t + 3600],
          ['PUT', { timestamp: at }, () => at],
          ['POST', { timestamp: String(at) }, () => at],
          ['PUT', { datetime: '2031-02-03T04:05:06Z' }, () => Date.UTC(2031, 1, 3, 4, 5, 6) / 1000],
          ['PUT', { datetime: '2031-02-03 04:05' }, () => Date.UTC(2031, 1, 3, 4, 5) / 1000],
          ['PUT', { datetime: '2031-02-03T04:05:06+02:00' }, () => Date.UTC(2031, 1, 3, 2, 5, 6) / 1000],
          ['PUT', { minute: 30, hour: '4' }, (t) => nextDaily(4, 30, t)],
        ]
        for (const [method, body, due] of cases) {
          const tid = await transmission()
          const before = nowSeconds()
          const res = await call(method, `/api/transmissions/${tid}/schedule`, body)
          assert.equal(res.statusCode, 200, `${JSON.stringify(body)}: ${res.body}`)
          const sid = res.json()
          assert.equal(typeof sid, 'number')
          const t = await get(`/transmissions/${tid}`)
          assert.equal(t.status, 'pending')
          const expected = due(before)
          assert.ok(Math.abs((t.next_run as number) - expected) <= 1, `${JSON.stringify(body)}: next_run ${t.next_run}, expected ${expected}`)
          assert.deepEqual((await schedulesOf(['transmission_send'], tid)).map((s) => s.id), [sid])
        }
      })

      test('the first form present in table order is used: timestamp, delay, datetime, then cron fields', async () => {
        const at = nowSeconds() + 9000
        const cases: [Row, (before: number) => number][] = [
          [{ minute: 5, datetime: '2031-02-03T04:05:06Z', delay: 3600, timestamp: at }, () => at],
          [{ minute: 5, datetime: '2031-02-03T04:05:06Z', delay: 3600 }, (t) => t + 3600],
          [{ minute: 5, datetime: '2031-02-03T04:05:06Z' }, () => Date.UTC(2031, 1, 3, 4, 5, 6) / 1000],
        ]
        for (const [body, due] of cases) {
          const tid = await transmission()
          const before = nowSeconds()
          await post(`/api/transmissions/${tid}/schedule`, body)
          assert.ok(Math.abs(((await get(`/transmissions/${tid}`)).next_run as number) - due(before)) <= 1, JSON.stringify(body))
        }
      })

      test('a missing or malformed schedule is 412 naming the field, and changes nothing', async () => {
        const tid = await transmission()
        const cases: [unknown, string][] = [
          [{}, 'schedule'], [undefined, 'schedule'], [{ delay: '' }, 'schedule'], [{ delay: 'soon' }, 'delay'], [{ delay: -1 }, 'delay'],
          [{ timestamp: 'noon' }, 'timestamp'], [{ datetime: 'tomorrow' }, 'datetime'], [{ datetime: '2031-13-01T00:00' }, 'datetime'],
          [{ minute: 60 }, 'minute'], [{ hour: '25' }, 'hour'], [{ weekday: 'monday' }, 'weekday'], [{ year: 1999 }, 'schedule'],
        ]
        for (const [body, field] of cases) {
          const res = await call('PUT', `/api/transmissions/${tid}/schedule`, body)
          assert.equal(res.statusCode, 412, `${JSON.stringify(body)}: ${res.body}`)
          assert.deepEqual(res.json(), failed(field), JSON.stringify(body))
        }
        assert.equal((await get(`/transmissions/${tid}`)).next_run, null)
        assert.deepEqual(await schedulesOf(['transmission_send'], tid), [])
      })

      test('a new schedule replaces the previous one', async () => {
        const tid = await transmission()
        const first = await post(`/api/transmissions/${tid}/schedule`, { delay: 3600 })
        const second = await post(`/api/transmissions/${tid}/schedule`, { delay: 7200 })
        assert.notEqual(second, first)
        assert.deepEqual((await schedulesOf(['transmission_send'], tid)).map((s) => s.id), [second])
        assert.ok(((await get(`/transmissions/${tid}`)).next_run as number) >= nowSeconds() + 7198)
      })

      test('scheduling answers 423 while processing, completed or invalid', async () => {
        const processing = await transmission('+1999')
        await post(`/api/transmissions/${processing}/send`)
        const completed = await transmission()
        await post(`/api/transmissions/${completed}/send`)
        await until('the transmission to complete', () => get(`/transmissions/${completed}`), (t) => t.status === 'completed')
        const invalid = await post('/api/transmissions', { program_id: sms, email: 'no-phone@example.com' })
        assert.equal((await call('POST', `/api/transmissions/${invalid}/send`)).statusCode, 412)
        for (const [tid, message] of [[processing, 'Transmission already in process'], [completed, 'Transmission already completed'], [invalid, 'Invalid transmission']] as const) {
          for (const method of ['PUT', 'POST']) {
            const res = await call(method, `/api/transmissions/${tid}/schedule`, { delay: 60 })
            assert.equal(res.statusCode, 423)
            assert.deepEqual(res.json(), locked(message))
          }
          assert.deepEqual(await schedulesOf(['transmission_send'], tid), [])
        }
      })

      test('scheduling a failed transmission makes it pending with next_run at the due time', async () => {
        // The sandbox holds +1999… attempts: the failure recorded here is the attempt's end.
        const tid = await transmission('+1999')
        const spoolId = await post(`/api/transmissions/${tid}/send`)
        await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
        assert.equal((await get(`/transmissions/${tid}`)).status, 'failed')
        await post(`/api/transmissions/${tid}/schedule`, { delay: 3600 })
        const t = await get(`/transmissions/${tid}`)
        assert.equal(t.status, 'pending')
        assert.ok(Math.abs((t.next_run as number) - (nowSeconds() + 3600)) <= 2)
      })

      test('a schedule with delay 1 fires within a few seconds: the transmission is sent and the schedule is gone', async () => {
        const tid = await transmission()
        const due = nowSeconds() + 1
        await post(`/api/transmissions/${tid}/schedule`, { delay: 1 })
        const t = await until('the scheduled transmission to be sent and complete', () => get(`/transmissions/${tid}`), (t) => t.status === 'completed')
        assert.deepEqual([t.try_done, t.next_run], [1, null])
        const [spool] = (await call('GET', `/api/transmissions/${tid}/detail`)).json() as Row[]
        assert.ok((spool!.time_spool as number) >= due - 1 && (spool!.time_spool as number) <= due + 5, `sent at ${spool!.time_spool}, due ${due}`)
        assert.deepEqual(await schedulesOf(['transmission_send'], tid), [])
      })

      test('a timestamp in the past means now', async () => {
        const tid = await transmission()
        await post(`/api/transmissions/${tid}/schedule`, { timestamp: 1000 })
        await until('the transmission scheduled in the past to complete', () => get(`/transmissions/${tid}`), (t) => t.status === 'completed')
      })

      test('DELETE …/schedule answers true, clears next_run and removes the schedule; it is idempotent', async () => {
        const tid = await transmission()
        await post(`/api/transmissions/${tid}/schedule`, { delay: 3600 })
        const res = await call('DELETE', `/api/transmissions/${tid}/schedule`)
        assert.equal(res.statusCode, 200)
        assert.equal(res.body, 'true')
        const t = await get(`/transmissions/${tid}`)
        assert.deepEqual([t.next_run, t.status], [null, 'pending'])
        assert.deepEqual(await schedulesOf(['transmission_send'], tid), [])
        assert.equal((await call('DELETE', `/api/transmissions/${tid}/schedule`)).json(), true)
        assert.equal((await call('GET', `/api/transmissions/${tid}/schedule/delete`)).json(), true)
        assert.equal((await call('DELETE', `/api/transmissions/${await transmission()}/schedule`)).json(), true, 'without a schedule')
      })

      test('DELETE …/schedule also cancels a pending automatic retry', async () => {
        const tid = await transmission('+1999', { try_allowed: 2 })
        const spoolId = await post(`/api/transmissions/${tid}/send`)
        await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
        const waiting = await get(`/transmissions/${tid}`)
        assert.deepEqual([waiting.status, typeof waiting.next_run], ['pending', 'number'])
        assert.equal((await call('DELETE', `/api/transmissions/${tid}/schedule`)).json(), true)
        const t = await get(`/transmissions/${tid}`)
        assert.deepEqual([t.status, t.next_run, t.try_done], ['pending', null, 1])
      })

      test('schedule routes of another user\'s transmission are 404', async () => {
        const tid = await transmission()
        for (const method of ['PUT', 'POST', 'DELETE']) {
          assert.deepEqual((await call(method, `/api/transmissions/${tid}/schedule`, { delay: 5 }, bob)).json(), { error: { code: 404, message: 'Transmission not found' } })
        }
      })
    })

    describe('campaign schedules', () => {
      test('POST and PUT …/start/schedule and …/stop/schedule answer schedule ids; recurring cron fields are allowed', async () => {
        const cid = await campaignOf([])
        const made: number[] = []
        for (const [method, action, body] of [['POST', 'start', { delay: 3600 }], ['PUT', 'start', { minute: '*/15', weekday: '1-5' }], ['POST', 'stop', { datetime: '2031-02-03T18:00' }], ['PUT', 'stop', { hour: 18, minute: 0 }]] as const) {
          const res = await call(method, `/api/campaigns/${cid}/${action}/schedule`, body)
          assert.equal(res.statusCode, 200, res.body)
          assert.equal(typeof res.json(), 'number')
          made.push(res.json())
        }
        const rows = await schedulesOf(['campaign_start', 'campaign_stop'], cid)
        assert.deepEqual(rows.map((r) => r.id).sort((a, b) => a - b), made)
        assert.deepEqual(rows.map((r) => r.action).sort(), ['campaign_start', 'campaign_start', 'campaign_stop', 'campaign_stop'])
        assert.deepEqual((await call('POST', `/api/campaigns/${cid}/start/schedule`, {})).json(), failed('schedule'))
        assert.deepEqual((await call('PUT', `/api/campaigns/${cid}/stop/schedule`, { minute: 99 })).json(), failed('minute'))
        assert.equal((await get(`/campaigns/${cid}`)).status, 'new')
      })

      test('a start schedule with delay 1 starts the campaign within a few seconds; a cancelled one never fires', async () => {
        const cid = await campaignOf(['+1555', '+1555'])
        const cancelled = await campaignOf(['+1555'])
        await post(`/api/campaigns/${cancelled}/start/schedule`, { delay: 1 })
        await post(`/api/campaigns/${cid}/start/schedule`, { delay: 1 })
        assert.equal((await call('DELETE', `/api/campaigns/${cancelled}/schedule`)).json(), true)
        const c = await until('the scheduled campaign to complete', () => get(`/campaigns/${cid}`), (c) => c.status === 'completed')
        assert.deepEqual([c.contact_total, c.contact_done], [2, 2])
        assert.deepEqual(await schedulesOf(['campaign_start'], cid), [], 'a one-shot schedule is removed once fired')
        // Both were due at the same moment: the one that fired shows the due schedules had their turn.
        assert.equal((await get(`/campaigns/${cancelled}`)).status, 'new')
      })

      test('a stop schedule pauses a running campaign; a start the state machine refuses is skipped silently', async () => {
        const cid = await campaignOf(['+1999'])
        await post(`/api/campaigns/${cid}/start`)
        await post(`/api/campaigns/${cid}/start/schedule`, { delay: 0 })
        await until('the start schedule to fire', () => schedulesOf(['campaign_start'], cid), (rows) => rows.length === 0)
        assert.equal((await get(`/campaigns/${cid}`)).status, 'running')
        await post(`/api/campaigns/${cid}/stop/schedule`, { delay: 0 })
        await until('the stop schedule to pause the campaign', () => get(`/campaigns/${cid}`), (c) => c.status === 'paused')
        assert.deepEqual(await schedulesOf(['campaign_stop'], cid), [])
      })

      test('a recurring schedule is due at second 0 of its next matching minute', async () => {
        const cid = await campaignOf(['+1999'])
        await post(`/api/campaigns/${cid}/start`)
        const sid = await post(`/api/campaigns/${cid}/stop/schedule`, { minute: '*' })
        const [row] = await schedulesOf(['campaign_stop'], cid)
        assert.equal(row!.id, sid)
        assert.equal(row!.nextFireAt!.getUTCSeconds(), 0, 'cron fires at second 0 of a matching minute')
        assert.ok(row!.nextFireAt!.getTime() > Date.now() && row!.nextFireAt!.getTime() <= Date.now() + 60000)
      })

      test('DELETE and POST …/schedule and DELETE …/schedule/cancel answer true and cancel every start and stop schedule', async () => {
        for (const [method, path] of [['DELETE', 'schedule'], ['POST', 'schedule'], ['DELETE', 'schedule/cancel'], ['GET', 'schedule/delete']]) {
          const cid = await campaignOf([])
          await post(`/api/campaigns/${cid}/start/schedule`, { delay: 3600 })
          await post(`/api/campaigns/${cid}/stop/schedule`, { minute: 0 })
          const res = await call(method!, `/api/campaigns/${cid}/${path}`)
          assert.equal(res.statusCode, 200, `${method} ${path}: ${res.body}`)
          assert.equal(res.body, 'true')
          assert.deepEqual(await schedulesOf(['campaign_start', 'campaign_stop'], cid), [], `${method} ${path}`)
          assert.equal((await call(method!, `/api/campaigns/${cid}/${path}`)).json(), true, 'idempotent')
        }
      })
    })
  })
}
