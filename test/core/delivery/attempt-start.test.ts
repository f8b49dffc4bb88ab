import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../../src/core/actor.ts'
import { createProgram } from '../../../src/core/programs/index.ts'
import { scheduleTransmission } from '../../../src/core/schedules/index.ts'
import { schedules } from '../../../src/core/schedules/schedules.table.ts'
import { sendDueTransmissions, startAttempts } from '../../../src/core/delivery/index.ts'
import { createTransmission, getTransmission, sendTransmission, spools, transmissions } from '../../../src/core/transmissions/index.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sendingFixture } from '../../helpers/sending.ts'

for (const kind of TEST_DATABASES) {
  // Starting attempts (attempt-start.ts, and sendTransmission over it). No dispatcher runs: the tests play it.
  describe(`Delivery: starting attempts (${kind})`, () => {
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

      test('sendDueTransmissions sends standalone pending transmissions whose next_run is due, and nothing else', async () => {
        const due = await transmission()
        const notYet = await transmission()
        const unscheduled = await transmission()
        const ofCampaign = await transmission()
        await app.core.db.update(transmissions).set({ nextRun: new Date(Date.now() - 1000) }).where(eq(transmissions.id, due))
        await app.core.db.update(transmissions).set({ nextRun: new Date(Date.now() + 3_600_000) }).where(eq(transmissions.id, notYet))
        await app.core.db.update(transmissions).set({ nextRun: new Date(Date.now() - 1000), campaignId: 999 }).where(eq(transmissions.id, ofCampaign))
        await sendDueTransmissions(app.core, 1000)
        const status = async (id: number) => (await getTransmission(app.core, user, id)).status
        assert.deepEqual([await status(due), await status(notYet), await status(unscheduled), await status(ofCampaign)], ['processing', 'pending', 'pending', 'pending'])
        assert.equal((await getTransmission(app.core, user, due)).nextRun, null)
      })
    })
  })
}
