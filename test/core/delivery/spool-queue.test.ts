import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../../src/core/actor.ts'
import type { Core } from '../../../src/core/core.ts'
import { claimDueSpools, deferSpools, failOverdueReports, failSilentSpools, reapExpiredLeases, recordGatewayEvents, renewLeases } from '../../../src/core/delivery/index.ts'
import { createTransmission, sendTransmission, spools, transmissions } from '../../../src/core/transmissions/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sendingFixture } from '../../helpers/sending.ts'

const LEASE = 30_000

for (const kind of TEST_DATABASES) {
  // The spool queue (spool-queue.ts) without a dispatcher: the tests play the workers, with the clocks they need.
  describe(`Delivery: the spool queue (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ user, program } = await sendingFixture(app))
    })
    after(async () => { await app.stop() })

    describe('The spool queue: claims, leases, reaper and watchdog, spec §7.2', () => {
      const at = (ms: number): Core => ({ ...app.core, now: () => new Date(Date.now() + ms) })
      /** `n` new queued spools (one sent transmission each), oldest first. */
      async function queued(n: number): Promise<number[]> {
        const ids: number[] = []
        for (let i = 0; i < n; i++) {
          const tid = await createTransmission(app.core, user, { programId: program, phone: '+15551230000' })
          ids.push(await sendTransmission(app.core, user, tid))
        }
        return ids
      }
      const rows = (ids: number[]) => app.core.db.select().from(spools).where(inArray(spools.id, ids)).orderBy(asc(spools.id))
      /** Ends whatever earlier tests left queued or in progress, so each test sees only its own spools. */
      async function sweep(): Promise<void> {
        await claimDueSpools(at(0), 'sweeper', 100_000, LEASE)
        const open = await app.core.db.select({ id: spools.id }).from(spools).where(inArray(spools.status, ['started', 'connected']))
        await recordGatewayEvents(app.core, open.map((o) => ({ spoolId: o.id, events: [{ kind: 'failed', cause: 'swept' }] })))
      }

      test('a claim takes due queued spools, oldest first, up to its limit, and leases them to the worker', async () => {
        await sweep()
        const [a, b, c, later] = await queued(4)
        await app.core.db.update(spools).set({ timeSpool: new Date(Date.now() + 3_600_000) }).where(eq(spools.id, later!))
        const clock = at(0)
        const idsAndSends = (claimed: { id: number; sends: number }[]) => claimed.map(({ id, sends }) => ({ id, sends }))
        const claimed = await claimDueSpools(clock, 'w1', 2, LEASE)
        assert.deepEqual(idsAndSends(claimed), [{ id: a, sends: 1 }, { id: b, sends: 1 }])
        const [ra, , rc, rl] = await rows([a!, b!, c!, later!])
        assert.deepEqual([ra!.status, ra!.claimedBy, rc!.status, rl!.status], ['started', 'w1', 'queued', 'queued'])
        assert.ok(ra!.timeStart !== null && ra!.leaseUntil!.getTime() - ra!.timeStart.getTime() === LEASE)
        assert.deepEqual(idsAndSends(await claimDueSpools(clock, 'w1', 10, LEASE)), [{ id: c, sends: 1 }], 'a spool due later is left')
        assert.deepEqual(idsAndSends(await claimDueSpools(at(3_700_000), 'w1', 10, LEASE)), [{ id: later, sends: 1 }])
      })

      test('a claim looking ahead takes spools due within its window and says when each is due', async () => {
        await sweep()
        const [soon, later] = await queued(2)
        const base = Date.now()
        await app.core.db.update(spools).set({ timeSpool: new Date(base + 80) }).where(eq(spools.id, soon!))
        await app.core.db.update(spools).set({ timeSpool: new Date(base + 5_000) }).where(eq(spools.id, later!))
        const claimed = await claimDueSpools(app.core, 'w1', 10, LEASE, 100)
        assert.deepEqual(claimed, [{ id: soon, sends: 1, dueAt: base + 80 }])
        const [rs, rl] = await rows([soon!, later!])
        assert.equal(rs!.timeStart!.getTime(), base + 80, 'the send is recorded at its slot, not at the claim')
        assert.equal(rl!.status, 'queued')
        await claimDueSpools(app.core, 'w1', 10, LEASE, 10_000)
        await recordGatewayEvents(app.core, [soon!, later!].map((spoolId) => ({ spoolId, events: [{ kind: 'failed', cause: 'done' }] })))
      })

      test('workers claiming at once get disjoint spools', async () => {
        await sweep()
        const ids = await queued(6)
        const claims = await Promise.all(['w1', 'w2', 'w3'].map((w) => claimDueSpools(app.core, w, 3, LEASE)))
        const all = claims.flat().map((c) => c.id).sort((x, y) => x - y)
        assert.deepEqual(all, ids, 'every spool claimed exactly once')
        const owners = await rows(ids)
        for (const [i, claim] of claims.entries()) for (const c of claim) assert.equal(owners.find((o) => o.id === c.id)!.claimedBy, `w${i + 1}`)
      })

      test('renewing extends the worker\'s own spools in progress and returns them', async () => {
        await sweep()
        const [mine, connected, done, theirs] = await queued(4)
        await claimDueSpools(app.core, 'w1', 3, LEASE)
        await claimDueSpools(app.core, 'w2', 1, LEASE)
        await recordGatewayEvents(app.core, [{ spoolId: connected!, events: [{ kind: 'connected' }] }, { spoolId: done!, events: [{ kind: 'failed', cause: 'busy' }] }])
        const renewed = await renewLeases(at(10_000), 'w1', LEASE)
        assert.deepEqual(renewed.sort((x, y) => x - y), [mine, connected])
        const [rm, , , rt] = await rows([mine!, connected!, done!, theirs!])
        assert.ok(rm!.leaseUntil!.getTime() >= Date.now() + LEASE + 9_000)
        assert.ok(rt!.leaseUntil!.getTime() < Date.now() + LEASE + 1_000, 'another worker\'s lease is untouched')
      })

      test('the reaper returns spools of expired leases to the queue; sent again, they count the send', async () => {
        await sweep()
        const [dead, alive, connected] = await queued(3)
        await claimDueSpools(app.core, 'dead-worker', 1, 1_000)
        await claimDueSpools(app.core, 'live-worker', 1, LEASE)
        await claimDueSpools(app.core, 'dead-worker', 1, 1_000)
        await recordGatewayEvents(app.core, [{ spoolId: connected!, events: [{ kind: 'connected' }] }])
        assert.equal(await reapExpiredLeases(at(5_000)), 2)
        const [rd, ra, rc] = await rows([dead!, alive!, connected!])
        assert.deepEqual([rd!.status, rd!.claimedBy, rd!.timeStart, rd!.leaseUntil], ['queued', null, null, null])
        assert.deepEqual([rc!.status, rc!.timeConnect], ['queued', null])
        assert.equal(ra!.status, 'started')
        assert.deepEqual((await claimDueSpools(at(5_000), 'w2', 10, LEASE)).map(({ id, sends }) => ({ id, sends })), [{ id: dead, sends: 2 }, { id: connected, sends: 2 }])
      })

      test('a spool whose acceptance was recorded with the peer\'s message id is never queued again when its lease expires (spec/gateways.md §1, issue 18)', async () => {
        await sweep()
        const [accepted] = await queued(1)
        await claimDueSpools(app.core, 'dead-worker', 1, 1_000)
        await recordGatewayEvents(app.core, [{ spoolId: accepted!, events: [{ kind: 'accepted' }, { kind: 'info', name: 'message_id', data: 'smsc-1' }] }])
        assert.equal(await reapExpiredLeases(at(5_000)), 0)
        const [row] = await rows([accepted!])
        assert.deepEqual([row!.status, row!.leaseUntil, row!.sends], ['connected', null, 1])
        assert.deepEqual(await claimDueSpools(at(5_000), 'w2', 10, LEASE), [])
        await recordGatewayEvents(app.core, [{ spoolId: accepted!, events: [{ kind: 'failed', cause: 'end of test' }] }])
      })

      test('the watchdog fails spools without a gateway event for the spool timeout, and their transmissions follow', async () => {
        await sweep()
        const [silent, talking, waiting] = await queued(3)
        await claimDueSpools(app.core, 'w1', 2, LEASE)
        const timeout = app.core.timing.spoolTimeoutMs
        // `talking` reported an event half a timeout later.
        await recordGatewayEvents(at(timeout / 2), [{ spoolId: talking!, events: [{ kind: 'connected' }] }])
        assert.equal(await failSilentSpools(at(timeout + 1000)), 1)
        const [rs, rt, rw] = await rows([silent!, talking!, waiting!])
        assert.deepEqual([rs!.status, rs!.response, rt!.status, rw!.status], ['failed', 'timeout', 'connected', 'queued'])
        const [t] = await app.core.db.select().from(transmissions).where(eq(transmissions.id, rs!.transmissionId))
        assert.deepEqual([t!.status, t!.response], ['failed', 'timeout'])
        assert.equal(await failSilentSpools(at(timeout + 1000)), 0, 'a failed spool is not failed again')
      })

      test('a deferred spool (its provider down) returns to the queue due later without counting the send, and fails "no provider up" a spool timeout after its first claim (spec/gateways.md §1)', async () => {
        await sweep()
        const [waiting] = await queued(1)
        await claimDueSpools(app.core, 'w1', 1, LEASE)
        const [claimed] = await rows([waiting!])
        assert.equal(await deferSpools(app.core, [waiting!], 2000), 1)
        const [deferred] = await rows([waiting!])
        assert.deepEqual([deferred!.status, deferred!.claimedBy, deferred!.sends, deferred!.providerId], ['queued', null, 0, claimed!.providerId])
        assert.ok(deferred!.timeSpool.getTime() >= Date.now() + 1000, 'due later')
        assert.deepEqual(await claimDueSpools(app.core, 'w1', 1, LEASE), [], 'not due yet')
        const timeout = app.core.timing.spoolTimeoutMs
        const again = await claimDueSpools(at(3000), 'w1', 1, LEASE)
        assert.deepEqual(again.map((c) => [c.id, c.sends]), [[waiting, 1]])
        const [reclaimed] = await rows([waiting!])
        assert.equal(reclaimed!.timeStart!.getTime(), claimed!.timeStart!.getTime(), 'the first claim\'s time is kept')
        assert.equal(await deferSpools(at(timeout + 1000), [waiting!], 2000), 0)
        const [failed] = await rows([waiting!])
        assert.deepEqual([failed!.status, failed!.response], ['failed', 'no provider up'])
      })

      test('a spool accepted with a message id waits for its report past the spool timeout, until its provider\'s report timeout fails it "dlr timeout" (spec/gateways.md §1)', async () => {
        await sweep()
        const [waiting] = await queued(1)
        await claimDueSpools(app.core, 'w1', 1, LEASE)
        await recordGatewayEvents(app.core, [{ spoolId: waiting!, events: [{ kind: 'accepted' }, { kind: 'info', name: 'message_id', data: 'smsc-9' }] }])
        const timeout = app.core.timing.spoolTimeoutMs
        assert.equal(await failSilentSpools(at(timeout + 1000)), 0)
        const [row] = await rows([waiting!])
        assert.equal(row!.status, 'connected')
        assert.equal(await failOverdueReports(at(timeout + 1000), row!.providerId!, 10 * timeout), 0, 'not overdue yet')
        assert.equal(await failOverdueReports(at(timeout + 1000), row!.providerId! + 1000, 1000), 0, 'another provider\'s timeout does not apply')
        assert.equal(await failOverdueReports(at(timeout + 1000), row!.providerId!, timeout), 1)
        const [after] = await rows([waiting!])
        assert.deepEqual([after!.status, after!.response], ['failed', 'dlr timeout'])
      })
    })
  })
}
