import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../../src/core/actor.ts'
import type { Core } from '../../../src/core/core.ts'
import { createProgram } from '../../../src/core/programs/index.ts'
import { scheduleTransmission } from '../../../src/core/schedules/index.ts'
import { schedules } from '../../../src/core/schedules/schedules.table.ts'
import {
  createTransmission, recordAttemptEvents, sendDueTransmissions, sendTransmission, spoolResults, spools, startAttempts, transmissions, type AttemptEvent,
} from '../../../src/core/transmissions/index.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sendingFixture } from '../../helpers/sending.ts'

const CALL_OK: AttemptEvent[] = [
  { kind: 'connected' }, { kind: 'step', step: 'originate', ok: true }, { kind: 'step', step: 'tts', ok: true },
  { kind: 'step', step: 'disconnect', ok: true }, { kind: 'completed' },
]

for (const kind of TEST_DATABASES) {
  // One database for starting attempts (attempts.ts) and recording their outcomes (outcomes.ts): a
  // PGlite database costs seconds to open. No dispatcher runs: the tests play it, with the clocks they need.
  describe(`Transmission attempts: start and outcome (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let loner: Actor
    let program = 0
    let lonerProgram = 0
    let providerId = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ user, providerId, program } = await sendingFixture(app))
      // A reseller's user: its tenant has no provider.
      loner = await actorForUser(app.core, (await app.user((await app.reseller()).id)).id)
      lonerProgram = await createProgram(app.core, loner, 'voicetts', { text: 'Hello' })
    })
    after(async () => { await app.stop() })

    describe('startAttempts, sendTransmission and sendDueTransmissions, spec §7.1', () => {
      const row = async (id: number) => (await app.core.db.select().from(transmissions).where(eq(transmissions.id, id)))[0]!
      const spoolsOf = (ids: number[]) => app.core.db.select().from(spools).where(inArray(spools.transmissionId, ids)).orderBy(asc(spools.id))
      const transmission = (as: Actor = user, extra = {}) => createTransmission(app.core, as, { programId: as === user ? program : lonerProgram, phone: '+15551230000', ...extra })

      test('a batch: each transmission is started, made invalid or left without a provider; started ones get a queued spool at their slot', async () => {
        const ok1 = await transmission()
        const bad = await transmission(user, { phone: undefined, email: 'only@example.com' })
        const ok2 = await transmission()
        const lonely = await transmission(loner)
        const now = new Date()
        const slots = [new Date(now.getTime() + 1000), new Date(now.getTime() + 2000)]
        const out = await app.core.db.transaction((tx) => startAttempts(app.core, tx, [ok1, bad, ok2, lonely], { now, automatic: true, slots }))
        assert.deepEqual(out.get(bad), { kind: 'invalid', field: 'contactId', reason: 'contact has no phone' })
        assert.deepEqual(out.get(lonely), { kind: 'no_provider' })
        const made = await spoolsOf([ok1, ok2])
        assert.deepEqual(made.map((s) => [s.transmissionId, s.status, s.timeSpool.getTime(), s.providerId, s.serviceFlag]), [
          [ok1, 'queued', slots[0]!.getTime(), providerId, 1], [ok2, 'queued', slots[1]!.getTime(), providerId, 1],
        ])
        assert.deepEqual([out.get(ok1), out.get(ok2)], made.map((s) => ({ kind: 'started', spoolId: s.id })))
        for (const id of [ok1, ok2]) {
          const t = await row(id)
          assert.deepEqual([t.status, t.tryDone, t.lastRun?.getTime(), t.nextRun], ['processing', 1, now.getTime(), null])
        }
        const invalid = await row(bad)
        assert.deepEqual([invalid.status, invalid.response, invalid.tryDone, invalid.nextRun], ['invalid', 'contact has no phone', 0, null])
        const waiting = await row(lonely)
        assert.deepEqual([waiting.status, waiting.tryDone, waiting.nextRun?.getTime()], ['pending', 0, now.getTime() + app.core.timing.retryDelayMs])
      })

      test('a manual send that finds no provider changes nothing', async () => {
        const tid = await transmission(loner)
        await scheduleTransmission(app.core, loner, tid, { delay: 3600 })
        const before = await row(tid)
        await assert.rejects(sendTransmission(app.core, loner, tid), { kind: 'not_found', message: 'No provider available' })
        assert.deepEqual(await row(tid), before)
        assert.equal((await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid))).length, 1)
      })

      test('a started attempt raises try_allowed to try_done and cancels the transmission\'s schedule', async () => {
        const tid = await transmission()
        await scheduleTransmission(app.core, user, tid, { delay: 3600 })
        await app.core.db.update(transmissions).set({ status: 'failed', tryDone: 4, tryAllowed: 2 }).where(eq(transmissions.id, tid))
        await sendTransmission(app.core, user, tid)
        const t = await row(tid)
        assert.deepEqual([t.tryDone, t.tryAllowed, t.nextRun], [5, 5, null])
        assert.deepEqual(await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid)), [])
      })

      test('a data failure is committed as invalid and answered Invalid for the field', async () => {
        const tid = await transmission(user, { phone: undefined, email: 'x@example.com' })
        await assert.rejects(sendTransmission(app.core, user, tid), { kind: 'invalid', field: 'contactId' })
        assert.equal((await row(tid)).status, 'invalid')
        await assert.rejects(sendTransmission(app.core, user, tid), { kind: 'locked', reason: 'Invalid transmission' })
      })

      test('two sends of one transmission at once: one attempt starts, the other is refused as in process', async () => {
        const tid = await transmission()
        const outcomes = await Promise.allSettled([sendTransmission(app.core, user, tid), sendTransmission(app.core, user, tid)])
        assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1)
        const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult
        assert.deepEqual([refused.reason.kind, refused.reason.reason], ['locked', 'Transmission already in process'])
        assert.equal((await spoolsOf([tid])).length, 1)
      })

      test('two dispatchers sending due transmissions at once start each one once', async () => {
        const due = await Promise.all([1, 2, 3, 4, 5, 6].map(() => transmission()))
        await app.core.db.update(transmissions).set({ nextRun: new Date(Date.now() - 1000) }).where(inArray(transmissions.id, due))
        const looked = await Promise.all([sendDueTransmissions(app.core, 4), sendDueTransmissions(app.core, 4), sendDueTransmissions(app.core, 4)])
        assert.ok(looked.reduce((a, b) => a + b, 0) >= due.length)
        const made = await spoolsOf(due)
        assert.deepEqual(made.map((s) => s.transmissionId).sort((a, b) => a - b), [...due].sort((a, b) => a - b))
      })
    })

    describe('recordAttemptEvents: spool and transmission states from gateway events, spec §7.1, §7.2, §7.5', () => {
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
        assert.deepEqual(await recordAttemptEvents(at(0), [{ spoolId, events: CALL_OK }]), [spoolId])
        const s = await spool(spoolId)
        assert.deepEqual([s.status, s.response, s.timeConnect, s.timeEnd, s.leaseUntil], ['completed', null, new Date(BASE), new Date(BASE), null])
        assert.deepEqual(await results(spoolId), ['application/originate=success', 'application/tts=success', 'application/disconnect=success'])
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response, t.nextRun], ['completed', null, null])
      })

      test('an attempt ends completed only from connected: otherwise it fails as not connected', async () => {
        const { tid, spoolId } = await attempt()
        await recordAttemptEvents(app.core, [{ spoolId, events: [{ kind: 'step', step: 'tts', ok: true }, { kind: 'completed' }] }])
        assert.deepEqual([(await spool(spoolId)).status, (await spool(spoolId)).response], ['failed', 'not connected'])
        assert.deepEqual(await results(spoolId), ['application/tts=success', 'error/error=not connected'])
        assert.equal((await transmission(tid)).status, 'failed')
      })

      test('a completed spool whose steps break the success rule fails the transmission', async () => {
        const { tid, spoolId } = await attempt()
        await recordAttemptEvents(app.core, [{ spoolId, events: [{ kind: 'connected' }, { kind: 'step', step: 'originate', ok: true }, { kind: 'step', step: 'tts', ok: false }, { kind: 'completed' }] }])
        assert.equal((await spool(spoolId)).status, 'completed')
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response], ['failed', 'success rule not met'])
      })

      test('a failure with tries left returns the transmission to pending, next_run = the failure time + the retry delay', async () => {
        const { tid, spoolId } = await attempt(2)
        await recordAttemptEvents(at(30), [{ spoolId, events: [{ kind: 'failed', cause: 'busy' }] }])
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response, t.tryDone, t.nextRun], ['pending', 'busy', 1, new Date(BASE + 30_000 + app.core.timing.retryDelayMs)])
      })

      test('a final spool never changes; a repeated report is harmless and the spool is reported final', async () => {
        const { tid, spoolId } = await attempt(3)
        await recordAttemptEvents(at(0), [{ spoolId, events: CALL_OK }])
        const before = await spool(spoolId)
        const rows = await results(spoolId)
        assert.deepEqual(await recordAttemptEvents(at(60), [{ spoolId, events: [{ kind: 'failed', cause: 'late' }] }]), [spoolId])
        assert.deepEqual(await spool(spoolId), before)
        assert.deepEqual(await results(spoolId), rows)
        assert.equal((await transmission(tid)).status, 'completed')
      })

      test('events of one spool apply in order and stop at its end', async () => {
        const { spoolId } = await attempt()
        await recordAttemptEvents(app.core, [{ spoolId, events: [{ kind: 'failed', cause: 'first' }, { kind: 'connected' }, { kind: 'completed' }] }])
        const s = await spool(spoolId)
        assert.deepEqual([s.status, s.response, s.timeConnect], ['failed', 'first', null])
      })

      test('the connect time is the first connection; later batches keep it', async () => {
        const { spoolId } = await attempt()
        await recordAttemptEvents(at(5), [{ spoolId, events: [{ kind: 'connected' }] }])
        await recordAttemptEvents(at(9), [{ spoolId, events: [{ kind: 'connected' }, { kind: 'input', digits: '42' }] }])
        await recordAttemptEvents(at(65), [{ spoolId, events: [{ kind: 'completed' }] }])
        const s = await spool(spoolId)
        assert.deepEqual([s.status, s.timeConnect, s.timeEnd], ['completed', new Date(BASE + 5000), new Date(BASE + 65_000)])
        assert.deepEqual(await results(spoolId), ['info/dtmf=42'])
      })

      test('only a processing transmission follows its attempt', async () => {
        const { tid, spoolId } = await attempt()
        // Something else moved the transmission on (e.g. it was marked invalid meanwhile).
        await app.core.db.update(transmissions).set({ status: 'invalid', response: 'gone' }).where(eq(transmissions.id, tid))
        await recordAttemptEvents(app.core, [{ spoolId, events: CALL_OK }])
        assert.equal((await spool(spoolId)).status, 'completed')
        const t = await transmission(tid)
        assert.deepEqual([t.status, t.response], ['invalid', 'gone'])
      })

      test('one call records many spools; each transmission follows its own spool; a spool reported twice merges', async () => {
        const a = await attempt()
        const b = await attempt(2)
        const c = await attempt()
        const final = await recordAttemptEvents(app.core, [
          { spoolId: a.spoolId, events: CALL_OK.slice(0, 2) }, { spoolId: b.spoolId, events: [{ kind: 'failed', cause: 'no answer' }] },
          { spoolId: c.spoolId, events: [{ kind: 'connected' }] }, { spoolId: a.spoolId, events: CALL_OK.slice(2) },
        ])
        assert.deepEqual(final.sort((x, y) => x - y), [a.spoolId, b.spoolId])
        const ts = await app.core.db.select().from(transmissions).where(inArray(transmissions.id, [a.tid, b.tid, c.tid])).orderBy(asc(transmissions.id))
        assert.deepEqual(ts.map((t) => [t.status, t.response]), [['completed', null], ['pending', 'no answer'], ['processing', null]])
        assert.equal((await spool(c.spoolId)).status, 'connected')
      })

      test('a spool that no longer exists counts as final', async () => {
        assert.deepEqual(await recordAttemptEvents(app.core, [{ spoolId: 2_000_000_000, events: [{ kind: 'completed' }] }]), [2_000_000_000])
        assert.deepEqual(await recordAttemptEvents(app.core, []), [])
      })

      test('causes, step names and digits longer than 255 characters are cut to 255', async () => {
        const { tid, spoolId } = await attempt()
        const long = 'x'.repeat(300)
        await recordAttemptEvents(app.core, [{ spoolId, events: [{ kind: 'step', step: long, ok: true }, { kind: 'input', digits: '1'.repeat(300) }, { kind: 'failed', cause: long }] }])
        assert.equal((await spool(spoolId)).response, 'x'.repeat(255))
        assert.equal((await transmission(tid)).response, 'x'.repeat(255))
        const rows = await app.core.db.select().from(spoolResults).where(eq(spoolResults.spoolId, spoolId))
        assert.ok(rows.every((r) => r.name.length <= 255 && r.data.length <= 255))
      })
    })
  })
}
