import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../../src/core/actor.ts'
import type { Core } from '../../../src/core/core.ts'
import { recordGatewayEvents, type DeliveryEvent } from '../../../src/core/delivery/index.ts'
import { createTransmission, sendTransmission, spoolResults, spools, transmissions } from '../../../src/core/transmissions/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sendingFixture } from '../../helpers/sending.ts'

const CALL_OK: DeliveryEvent[] = [
  { kind: 'connected' }, { kind: 'step', step: 'originate', ok: true }, { kind: 'step', step: 'tts', ok: true },
  { kind: 'step', step: 'disconnect', ok: true }, { kind: 'completed' },
]

for (const kind of TEST_DATABASES) {
  // Recording what gateways reported (gateway-events.ts around next-spool-state.ts), on a real database.
  // No dispatcher runs: the tests play it, with the clocks they need.
  describe(`Delivery: recording attempt events (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ user, program } = await sendingFixture(app))
    })
    after(async () => { await app.stop() })

    describe('recordGatewayEvents: spool and transmission states from gateway events, spec §7.1, §7.2, §7.5', () => {
      const BASE = Date.UTC(2030, 0, 1)
      const at = (seconds: number): Core => ({ ...app.core, now: () => new Date(BASE + seconds * 1000) })
      /** A sent voice TTS transmission (try_allowed as given): its id and queued spool id. */
      async function attempt(tryAllowed = 1): Promise<{ tid: number; spoolId: number }> {
        const tid = await createTransmission(app.core, user, { programId: program, phone: '+15551230000', tryAllowed })
        return { tid, spoolId: await sendTransmission(app.core, user, tid) }
      }
      const spool = async (id: number) => (await app.core.db.select().from(spools).where(eq(spools.id, id)))[0]!
      const transmission = async (id: number) => (await app.core.db.select().from(transmissions).where(eq(transmissions.id, id)))[0]!
      const results = async (spoolId: number) => (await app.core.db.select().from(spoolResults).where(eq(spoolResults.spoolId, spoolId)).orderBy(asc(spoolResults.id)))
        .map((r) => `${r.type}/${r.name}=${r.data}`)

      test('a connected attempt whose steps succeed completes the spool and the transmission, with a row per step', async () => {
        const { tid, spoolId } = await attempt()
        assert.deepEqual(await recordGatewayEvents(at(0), [{ spoolId, events: CALL_OK }]), [spoolId])
        const s = await spool(spoolId)
        assert.deepEqual([s.status, s.response, s.timeConnect, s.timeEnd, s.leaseUntil], ['completed', null, new Date(BASE), new Date(BASE), null])
        assert.deepEqual(await results(spoolId), ['application/originate=success', 'application/tts=success', 'application/disconnect=success'])
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response, t.nextRun], ['completed', null, null])
      })

      test('an attempt ends completed only from connected: otherwise it fails as not connected', async () => {
        const { tid, spoolId } = await attempt()
        await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'step', step: 'tts', ok: true }, { kind: 'completed' }] }])
        assert.deepEqual([(await spool(spoolId)).status, (await spool(spoolId)).response], ['failed', 'not connected'])
        assert.deepEqual(await results(spoolId), ['application/tts=success', 'error/error=not connected'])
        assert.equal((await transmission(tid)).status, 'failed')
      })

      test('a completed spool whose steps break the success rule fails the transmission', async () => {
        const { tid, spoolId } = await attempt()
        await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'connected' }, { kind: 'step', step: 'originate', ok: true }, { kind: 'step', step: 'tts', ok: false }, { kind: 'completed' }] }])
        assert.equal((await spool(spoolId)).status, 'completed')
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response], ['failed', 'success rule not met'])
      })

      test('a failure with tries left returns the transmission to pending, next_run = the failure time + the retry delay', async () => {
        const { tid, spoolId } = await attempt(2)
        await recordGatewayEvents(at(30), [{ spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response, t.tryDone, t.nextRun], ['pending', 'busy', 1, new Date(BASE + 30_000 + app.core.timing.retryDelayMs)])
      })

      test('a final spool never changes; a repeated report is harmless and the spool is reported final', async () => {
        const { tid, spoolId } = await attempt(3)
        await recordGatewayEvents(at(0), [{ spoolId, events: CALL_OK }])
        const before = await spool(spoolId)
        const rows = await results(spoolId)
        assert.deepEqual(await recordGatewayEvents(at(60), [{ spoolId, events: [{ kind: 'failed', cause: 'late' }] }]), [spoolId])
        assert.deepEqual(await spool(spoolId), before)
        assert.deepEqual(await results(spoolId), rows)
        assert.equal((await transmission(tid)).status, 'completed')
      })

      test('events of one spool apply in order and stop at its end', async () => {
        const { spoolId } = await attempt()
        await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'failed', cause: 'first' }, { kind: 'connected' }, { kind: 'completed' }] }])
        const s = await spool(spoolId)
        assert.deepEqual([s.status, s.response, s.timeConnect], ['failed', 'first', null])
      })

      test('the connect time is the first connection; later batches keep it', async () => {
        const { spoolId } = await attempt()
        await recordGatewayEvents(at(5), [{ spoolId, events: [{ kind: 'connected' }] }])
        await recordGatewayEvents(at(9), [{ spoolId, events: [{ kind: 'connected' }, { kind: 'input', digits: '42' }] }])
        await recordGatewayEvents(at(65), [{ spoolId, events: [{ kind: 'completed' }] }])
        const s = await spool(spoolId)
        assert.deepEqual([s.status, s.timeConnect, s.timeEnd], ['completed', new Date(BASE + 5000), new Date(BASE + 65_000)])
        assert.deepEqual(await results(spoolId), ['info/dtmf=42'])
      })

      test('only a processing transmission follows its attempt', async () => {
        const { tid, spoolId } = await attempt()
        // Something else moved the transmission on (e.g. it was marked invalid meanwhile).
        await app.core.db.update(transmissions).set({ status: 'invalid', response: 'gone' }).where(eq(transmissions.id, tid))
        await recordGatewayEvents(app.core, [{ spoolId, events: CALL_OK }])
        assert.equal((await spool(spoolId)).status, 'completed')
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response], ['invalid', 'gone'])
      })

      test('one call records many spools; each transmission follows its own spool; a spool reported twice merges', async () => {
        const a = await attempt()
        const b = await attempt(2)
        const c = await attempt()
        const final = await recordGatewayEvents(app.core, [
          { spoolId: a.spoolId, events: CALL_OK.slice(0, 2) }, { spoolId: b.spoolId, events: [{ kind: 'failed', cause: 'no answer' }] },
          { spoolId: c.spoolId, events: [{ kind: 'connected' }] }, { spoolId: a.spoolId, events: CALL_OK.slice(2) },
        ])
        assert.deepEqual(final.sort((x, y) => x - y), [a.spoolId, b.spoolId])
        const ts = await app.core.db.select().from(transmissions).where(inArray(transmissions.id, [a.tid, b.tid, c.tid])).orderBy(asc(transmissions.id))
        assert.deepEqual(ts.map((t) => [t.status, t.response]), [['completed', null], ['pending', 'no answer'], ['processing', null]])
        assert.equal((await spool(c.spoolId)).status, 'connected')
      })

      test('a spool that no longer exists counts as final', async () => {
        assert.deepEqual(await recordGatewayEvents(app.core, [{ spoolId: 2_000_000_000, events: [{ kind: 'completed' }] }]), [2_000_000_000])
        assert.deepEqual(await recordGatewayEvents(app.core, []), [])
      })

      test('causes, step names and digits longer than 255 characters are cut to 255', async () => {
        const { tid, spoolId } = await attempt()
        const long = 'x'.repeat(300)
        await recordGatewayEvents(app.core, [{ spoolId, events: [{ kind: 'step', step: long, ok: true }, { kind: 'input', digits: '1'.repeat(300) }, { kind: 'failed', cause: long }] }])
        assert.equal((await spool(spoolId)).response, 'x'.repeat(255))
        assert.equal((await transmission(tid)).response, 'x'.repeat(255))
        const rows = await app.core.db.select().from(spoolResults).where(eq(spoolResults.spoolId, spoolId))
        assert.ok(rows.every((r) => r.name.length <= 255 && r.data.length <= 255))
      })
    })
  })
}
