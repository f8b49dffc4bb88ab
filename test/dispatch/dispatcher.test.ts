import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Actor } from '../../src/core/actor.ts'
import { createCampaign, getCampaign, prepareCampaignBatch, runCampaignTurn, startCampaign, stopCampaign, updateCampaign } from '../../src/core/campaigns/index.ts'
import { createGroup, findOrCreateContact, linkContact } from '../../src/core/contacts/index.ts'
import type { Core } from '../../src/core/core.ts'
import { createProvider } from '../../src/core/providers/index.ts'
import { providers } from '../../src/core/providers/providers.table.ts'
import { fireDueSchedules, scheduleCampaign, scheduleTransmission } from '../../src/core/schedules/index.ts'
import { schedules } from '../../src/core/schedules/schedules.table.ts'
import {
  createTransmission, getTransmission, recordAttemptEvents, sendDueTransmissions, sendTransmission, spoolResults, spools, transmissions,
} from '../../src/core/transmissions/index.ts'
import { actorForUser } from '../../src/core/users/index.ts'
import { queryRows } from '../../src/db/rows.ts'
import { claimDueSpools, failSilentSpools, reapExpiredLeases, renewLeases } from '../../src/dispatch/claim.ts'
import { followChanges } from '../../src/app.ts'
import { Dispatcher } from '../../src/dispatch/dispatcher.ts'
import { EventSink } from '../../src/dispatch/event-sink.ts'
import { availableGateways } from '../../src/dispatch/gateways.ts'
import { sandboxSends } from '../../src/gateways/sandbox/sandbox.table.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { sendingFixture } from '../helpers/sending.ts'

/** Sandbox script (§5.12): +1999… never answers in time (ten minutes), +1666… fails, the rest succeed. */
const SCRIPT = { rules: [{ match: '^\\+1999', delay_ms: 600000 }, { match: '^\\+1666', outcome: 'fail', cause: 'rejected' }] }
const LEASE = 30_000

/** Polls `probe` until `done` holds; fails after `ms`. */
async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 15000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (done(v)) return v
    if (Date.now() > end) throw new Error(`condition not reached in ${ms} ms; last value ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

let seq = 0
const phone = (prefix = '+1555') => `${prefix}${String(++seq).padStart(7, '0')}`

for (const kind of TEST_DATABASES) {
  // The dispatcher and its steps (claim.ts, event-sink.ts, the planning calls) on one database, since a
  // PGlite database costs seconds to open. The steps run without a dispatcher, the tests playing the
  // workers with the clocks they need; the last part starts a real one.
  describe(`Dispatch (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0
    let providerId = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ user, providerId, program } = await sendingFixture(app, SCRIPT))
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
        await recordAttemptEvents(app.core, open.map((o) => ({ spoolId: o.id, events: [{ kind: 'failed', cause: 'swept' }] })))
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
        await recordAttemptEvents(app.core, [soon!, later!].map((spoolId) => ({ spoolId, events: [{ kind: 'failed', cause: 'done' }] })))
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
        await recordAttemptEvents(app.core, [{ spoolId: connected!, events: [{ kind: 'connected' }] }, { spoolId: done!, events: [{ kind: 'failed', cause: 'busy' }] }])
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
        await recordAttemptEvents(app.core, [{ spoolId: connected!, events: [{ kind: 'connected' }] }])
        assert.equal(await reapExpiredLeases(at(5_000)), 2)
        const [rd, ra, rc] = await rows([dead!, alive!, connected!])
        assert.deepEqual([rd!.status, rd!.claimedBy, rd!.timeStart, rd!.leaseUntil], ['queued', null, null, null])
        assert.deepEqual([rc!.status, rc!.timeConnect], ['queued', null])
        assert.equal(ra!.status, 'started')
        assert.deepEqual((await claimDueSpools(at(5_000), 'w2', 10, LEASE)).map(({ id, sends }) => ({ id, sends })), [{ id: dead, sends: 2 }, { id: connected, sends: 2 }])
      })

      test('the watchdog fails spools without a gateway event for the spool timeout, and their transmissions follow', async () => {
        await sweep()
        const [silent, talking, waiting] = await queued(3)
        await claimDueSpools(app.core, 'w1', 2, LEASE)
        const timeout = app.core.timing.spoolTimeoutMs
        // `talking` reported an event half a timeout later.
        await recordAttemptEvents(at(timeout / 2), [{ spoolId: talking!, events: [{ kind: 'connected' }] }])
        assert.equal(await failSilentSpools(at(timeout + 1000)), 1)
        const [rs, rt, rw] = await rows([silent!, talking!, waiting!])
        assert.deepEqual([rs!.status, rs!.response, rt!.status, rw!.status], ['failed', 'timeout', 'connected', 'queued'])
        const [t] = await app.core.db.select().from(transmissions).where(eq(transmissions.id, rs!.transmissionId))
        assert.deepEqual([t!.status, t!.response], ['failed', 'timeout'])
        assert.equal(await failSilentSpools(at(timeout + 1000)), 0, 'a failed spool is not failed again')
      })
    })

    describe('EventSink: gateway events recorded in batches', () => {
      async function queued(n: number): Promise<number[]> {
        const ids: number[] = []
        for (let i = 0; i < n; i++) ids.push(await sendTransmission(app.core, user, await createTransmission(app.core, user, { programId: program, phone: '+15551230000' })))
        return ids
      }
      const statuses = async (ids: number[]) => (await app.core.db.select().from(spools).where(inArray(spools.id, ids)).orderBy(asc(spools.id))).map((s) => s.status)

      test('a report resolves once its event is recorded', async () => {
        const [spoolId] = await queued(1)
        const sink = new EventSink(app.core, () => undefined)
        await sink.report(spoolId!, { kind: 'connected' })
        assert.deepEqual(await statuses([spoolId!]), ['connected'])
      })

      test('the events of one spool are recorded in the order reported, across flushes', async () => {
        const [spoolId] = await queued(1)
        const sink = new EventSink(app.core, () => undefined, 2)
        const steps = ['originate', 'tts', 'disconnect']
        const reports = [sink.report(spoolId!, { kind: 'connected' }), ...steps.map((step) => sink.report(spoolId!, { kind: 'step', step, ok: true })), sink.report(spoolId!, { kind: 'completed' })]
        await Promise.all(reports)
        const rows = await app.core.db.select().from(spoolResults).where(eq(spoolResults.spoolId, spoolId!)).orderBy(asc(spoolResults.id))
        assert.deepEqual(rows.map((r) => r.name), steps)
        assert.deepEqual(await statuses([spoolId!]), ['completed'])
      })

      test('spools that became final are handed to onFinal; those still in progress are not', async () => {
        const ids = await queued(3)
        const final: number[] = []
        const sink = new EventSink(app.core, (done) => final.push(...done))
        await Promise.all([
          sink.report(ids[0]!, { kind: 'failed', cause: 'busy' }), sink.report(ids[1]!, { kind: 'connected' }), sink.report(ids[2]!, { kind: 'accepted' }),
          sink.report(ids[2]!, { kind: 'completed' }),
        ])
        await sink.drain()
        assert.deepEqual(final.sort((a, b) => a - b), [ids[0], ids[2]])
        assert.deepEqual(await statuses(ids), ['failed', 'connected', 'completed'])
      })

      test('a flush that fails is retried, and its reports still resolve once recorded', async () => {
        const [spoolId] = await queued(1)
        let failures = 1
        // The database refuses the first transaction, as during a failover.
        const flaky: Core = {
          ...app.core,
          db: new Proxy(app.core.db, {
            get(target, key, receiver) {
              if (key === 'transaction' && failures > 0) {
                failures--
                return () => Promise.reject(new Error('connection lost'))
              }
              return Reflect.get(target, key, receiver)
            },
          }),
        }
        const sink = new EventSink(flaky, () => undefined)
        await sink.report(spoolId!, { kind: 'failed', cause: 'busy' })
        assert.equal(failures, 0)
        assert.deepEqual(await statuses([spoolId!]), ['failed'])
      })

      test('drain resolves when everything reported so far is recorded', async () => {
        const ids = await queued(5)
        const sink = new EventSink(app.core, () => undefined)
        for (const id of ids) void sink.report(id, { kind: 'failed', cause: 'busy' })
        await sink.drain()
        assert.deepEqual(await statuses(ids), ['failed', 'failed', 'failed', 'failed', 'failed'])
      })
    })

    describe('Planning: due sends and schedules', () => {
      const later = (ms: number) => ({ ...app.core, now: () => new Date(Date.now() + ms) })
      const transmission = () => createTransmission(app.core, user, { programId: program, phone: phone() })
      const scheduleRows = (action: 'transmission_send' | 'campaign_start' | 'campaign_stop', target: number) =>
        app.core.db.select().from(schedules).where(and(eq(schedules.action, action), eq(schedules.targetId, target)))
      async function campaignOfOne(): Promise<number> {
        const group = await createGroup(app.core, user, { name: 'g' })
        await linkContact(app.core, user, (await findOrCreateContact(app.core, user, { phone: phone() })).id, group)
        return createCampaign(app.core, user, { programId: program, groupId: group, cpm: 600 })
      }

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

      test('a fired transmission schedule sends it and is removed', async () => {
        const tid = await transmission()
        await scheduleTransmission(app.core, user, tid, { delay: 600 })
        assert.equal(await fireDueSchedules(app.core, 100), 0, 'not due yet')
        assert.ok(await fireDueSchedules(later(601_000), 100) >= 1)
        const t = await getTransmission(app.core, user, tid)
        assert.deepEqual([t.status, t.tryDone, t.nextRun], ['processing', 1, null])
        assert.deepEqual(await scheduleRows('transmission_send', tid), [])
      })

      test('a recurring campaign schedule fires and stays, due at its next matching minute', async () => {
        const cid = await campaignOfOne()
        await startCampaign(app.core, user, cid)
        await scheduleCampaign(app.core, user, cid, 'stop', { minute: '*/10' })
        const clock = later(3_600_000)
        await fireDueSchedules(clock, 100)
        assert.equal((await getCampaign(app.core, user, cid)).status, 'paused')
        const [row] = await scheduleRows('campaign_stop', cid)
        const next = row!.nextFireAt!
        assert.ok(next.getTime() > clock.now().getTime() && next.getTime() <= clock.now().getTime() + 600_000)
        assert.deepEqual([next.getUTCMinutes() % 10, next.getUTCSeconds()], [0, 0])
      })

      test('a campaign sends no two transmissions closer than 60 / cpm seconds, even after an idle spell', async () => {
        const group = await createGroup(app.core, user, { name: 'paced' })
        for (let i = 0; i < 3; i++) await linkContact(app.core, user, (await findOrCreateContact(app.core, user, { phone: phone() })).id, group)
        const cid = await createCampaign(app.core, user, { programId: program, groupId: group, cpm: 1 })
        await startCampaign(app.core, user, cid)
        while ((await prepareCampaignBatch(app.core, 5000)) > 0);
        const [t1, t2, t3] = (await app.core.db.select().from(transmissions).where(eq(transmissions.campaignId, cid)).orderBy(asc(transmissions.id))).map((t) => t.id)
        const t0 = Date.now() + 3_600_000
        const clock = (s: number) => ({ ...app.core, now: () => new Date(t0 + s * 1000) })
        const turn = (s: number) => runCampaignTurn(clock(s), { batch: 100, lookAheadMs: 100 })
        // The second and third contacts wait for a retry until t0 + 90 s: the campaign idles meanwhile.
        await app.core.db.update(transmissions).set({ nextRun: new Date(t0 + 90_000) }).where(inArray(transmissions.id, [t2!, t3!]))
        assert.equal(await turn(0), 1)
        assert.equal(await turn(100), 1)
        assert.equal(await turn(120), 0, 'sent 20 s after the previous one otherwise')
        assert.equal(await turn(160), 1)
        const sent = await app.core.db.select({ tid: spools.transmissionId, at: spools.timeSpool }).from(spools).where(inArray(spools.transmissionId, [t1!, t2!, t3!])).orderBy(asc(spools.id))
        assert.deepEqual(sent.map((s) => [s.tid, (s.at.getTime() - t0) / 1000]), [[t1, 0], [t2, 100], [t3, 160]])
      })

      /** A running campaign of three contacts at `cpm`, prepared, whose first turn (at 0.5 s ago) booked its slots 5 s ahead. */
      async function bookedAhead(cpm: number) {
        const group = await createGroup(app.core, user, { name: 'booked' })
        for (let i = 0; i < 3; i++) await linkContact(app.core, user, (await findOrCreateContact(app.core, user, { phone: phone() })).id, group)
        const cid = await createCampaign(app.core, user, { programId: program, groupId: group, cpm })
        await startCampaign(app.core, user, cid)
        while ((await prepareCampaignBatch(app.core, 5000)) > 0);
        const ids = (await app.core.db.select().from(transmissions).where(eq(transmissions.campaignId, cid)).orderBy(asc(transmissions.id))).map((t) => t.id)
        const t0 = Date.now() - 500
        const turn = (ms: number) => runCampaignTurn({ ...app.core, now: () => new Date(t0 + ms) }, { batch: 100, lookAheadMs: 5000 })
        assert.equal(await turn(0), 3)
        const slots = async () => (await app.core.db.select({ tid: spools.transmissionId, at: spools.timeSpool }).from(spools)
          .where(inArray(spools.transmissionId, ids)).orderBy(asc(spools.transmissionId))).map((r) => [r.tid, r.at.getTime() - t0])
        return { cid, ids, turn, slots }
      }

      test('stop takes back the sends booked ahead: their transmissions are pending again with the try given back', async () => {
        const { cid, ids, slots } = await bookedAhead(60)
        await stopCampaign(app.core, user, cid)
        assert.deepEqual(await slots(), [[ids[0], 0]], 'the send already due stays; the two booked later are gone')
        const states = await app.core.db.select({ status: transmissions.status, tryDone: transmissions.tryDone }).from(transmissions).where(inArray(transmissions.id, ids)).orderBy(asc(transmissions.id))
        assert.deepEqual(states, [{ status: 'processing', tryDone: 1 }, { status: 'pending', tryDone: 0 }, { status: 'pending', tryDone: 0 }])
      })

      test('a cpm change books the sends taken back again at the new rate, from the first of them', async () => {
        const { cid, ids, turn, slots } = await bookedAhead(60)
        assert.deepEqual(await slots(), [[ids[0], 0], [ids[1], 1000], [ids[2], 2000]])
        await updateCampaign(app.core, user, cid, { cpm: 600 })
        assert.equal(await turn(600), 2)
        assert.deepEqual(await slots(), [[ids[0], 0], [ids[1], 1000], [ids[2], 1100]])
      })

      test('a fired schedule the state machine refuses is skipped silently and removed', async () => {
        const cid = await campaignOfOne()
        await scheduleCampaign(app.core, user, cid, 'stop', { delay: 1 })
        await fireDueSchedules(later(2000), 100)
        assert.equal((await getCampaign(app.core, user, cid)).status, 'new')
        assert.deepEqual(await scheduleRows('campaign_stop', cid), [])
      })
    })

    // Only PostgreSQL runs transactions side by side; PGlite has one connection.
    if (kind === 'postgres') {
      describe('Firing schedules beside concurrent changes of their targets, no deadlock', () => {
        const waitingOnLocks = async () => (await queryRows<{ n: number }>(app.core.db, sql`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`))[0]!.n

        /**
         * Holds the target's row lock in a transaction (as a send, a schedule change or a delete does),
         * lets the schedules fire meanwhile, then removes the target's schedules in that transaction,
         * as those changes do. Both must finish without error.
         */
        async function beside(table: 'transmissions' | 'campaigns', target: number, actions: string[]): Promise<{ fired: number }> {
          let firing: Promise<number> | undefined
          let settled = false
          await app.core.db.transaction(async (tx) => {
            await tx.execute(sql`select id from ${sql.identifier(table)} where id = ${target} for update`)
            firing = fireDueSchedules(app.core, 100).finally(() => { settled = true })
            firing.catch(() => undefined)
            // Either the firing finishes, or it waits on a lock (on the one this transaction holds).
            await until(async () => settled || (await waitingOnLocks()) > 0, (v) => v)
            await tx.execute(sql`delete from schedules where target_id = ${target} and action = any(${sql.param(actions)}::text[])`)
          })
          return { fired: await firing! }
        }

        test('a transmission schedule due while the transmission is being sent is not fired, and nothing deadlocks', async () => {
          const tid = await createTransmission(app.core, user, { programId: program, phone: phone() })
          await scheduleTransmission(app.core, user, tid, { delay: 0 })
          await beside('transmissions', tid, ['transmission_send'])
          assert.equal((await getTransmission(app.core, user, tid)).status, 'pending')
        })

        test('a campaign schedule due while the campaign is being deleted or its schedules cancelled does not deadlock', async () => {
          const group = await createGroup(app.core, user, { name: 'g' })
          const cid = await createCampaign(app.core, user, { programId: program, groupId: group })
          await scheduleCampaign(app.core, user, cid, 'start', { delay: 0 })
          await beside('campaigns', cid, ['campaign_start', 'campaign_stop'])
          assert.equal((await getCampaign(app.core, user, cid)).status, 'new')
        })

        test('a schedule whose target was locked fires on a later turn', async () => {
          const tid = await createTransmission(app.core, user, { programId: program, phone: phone() })
          await scheduleTransmission(app.core, user, tid, { delay: 0 })
          let settled = false
          let firing: Promise<number> | undefined
          await app.core.db.transaction(async (tx) => {
            await tx.execute(sql`select id from transmissions where id = ${tid} for update`)
            firing = fireDueSchedules(app.core, 100).finally(() => { settled = true })
            await until(async () => settled || (await waitingOnLocks()) > 0, (v) => v)
          })
          await firing
          assert.equal((await getTransmission(app.core, user, tid)).status, 'pending', 'postponed while locked')
          assert.equal((await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid))).length, 1, 'kept')
          await fireDueSchedules(app.core, 100)
          assert.equal((await getTransmission(app.core, user, tid)).status, 'processing')
        })
      })
    }

    describe('Dispatcher with the sandbox gateway', () => {
      /** Creates and sends a voice TTS transmission to `to`; returns its id and the spool id. */
      async function send(to: string): Promise<{ tid: number; spoolId: number }> {
        const tid = await createTransmission(app.core, user, { programId: program, phone: to })
        return { tid, spoolId: await sendTransmission(app.core, user, tid) }
      }
      const spoolsOf = (ids: number[]) => app.core.db.select().from(spools).where(inArray(spools.id, ids)).orderBy(asc(spools.id))
      const statusOf = async (tid: number) => (await app.core.db.select({ s: transmissions.status }).from(transmissions).where(eq(transmissions.id, tid)))[0]!.s
      let dispatcher: Dispatcher
      let unsubscribe: () => void
      // A worker with four spools in flight at most, polling every 50 ms (20 ms slows PGlite's one
      // connection), told of this process's writes as in app.ts.
      before(async () => {
        dispatcher = new Dispatcher(app.core, { ...TEST_DISPATCH, claimBatch: 4, tickMs: 50 }, availableGateways(app.core))
        unsubscribe = app.database.writes.subscribe((t) => dispatcher.tablesChanged(t))
        await dispatcher.start()
      })
      after(async () => {
        unsubscribe()
        await dispatcher.stop()
      })

      test('each attempt reaches the sandbox once, which logs its spool, transmission, destination and content', async () => {
        const { tid, spoolId } = await send('+15551000001')
        await until(() => statusOf(tid), (s) => s === 'completed')
        const logged = await app.core.db.select().from(sandboxSends).where(eq(sandboxSends.spoolId, spoolId))
        assert.equal(logged.length, 1)
        assert.deepEqual(
          [logged[0]!.transmissionId, logged[0]!.providerId, logged[0]!.serviceFlag, logged[0]!.destination, logged[0]!.contentRef],
          [tid, providerId, 1, '+15551000001', 'tts'],
        )
        const [s] = await spoolsOf([spoolId])
        assert.deepEqual([s!.status, s!.sends, s!.leaseUntil], ['completed', 1, null])
      })

      test('spools a watchdog fails free their place in flight: a worker whose gateway went silent keeps sending', async () => {
        const silent = await Promise.all([1, 2, 3, 4].map(() => send(phone('+1999'))))
        const ids = silent.map((s) => s.spoolId)
        await until(() => spoolsOf(ids), (rows) => rows.every((r) => r.status === 'started'))
        // Another worker's watchdog, whose clock is past the spool timeout, fails them.
        await failSilentSpools({ ...app.core, now: () => new Date(Date.now() + 3_600_000) })
        const failed = await spoolsOf(ids)
        assert.deepEqual(failed.map((r) => [r.status, r.response]), [['failed', 'timeout'], ['failed', 'timeout'], ['failed', 'timeout'], ['failed', 'timeout']])
        const { tid } = await send(phone('+1555'))
        assert.equal(await until(() => statusOf(tid), (s) => s === 'completed', 10000), 'completed')
      })

      test('a failed send is recorded for its transmission and the next ones still go out', async () => {
        const bad = await send(phone('+1666'))
        const good = await send(phone('+1555'))
        assert.equal(await until(() => statusOf(bad.tid), (s) => s === 'failed'), 'failed')
        assert.equal(await until(() => statusOf(good.tid), (s) => s === 'completed'), 'completed')
      })

      test('stop returns without waiting out the loops\' idle intervals', async () => {
        // A second worker on the same database, whose upkeep loop idles 5 s between turns.
        const worker = new Dispatcher(app.core, { ...TEST_DISPATCH, leaseSeconds: 30 }, availableGateways(app.core))
        await worker.start()
        try {
          // Once all three loops idle (the upkeep one for 5 s)…
          await until(async () => (worker as unknown as { resting?: Map<unknown, unknown> }).resting?.size, (n) => n === 3)
          const started = Date.now()
          await worker.stop()
          assert.ok(Date.now() - started < 2500, `stopped in ${Date.now() - started} ms`)
        } finally {
          await worker.stop()
        }
      })

      test('attempts of a provider type without a gateway fail with that reason', async () => {
        const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
        // A preferred (lower weight) SIP trunk: this dispatcher has no SIP gateway yet.
        const sip = await createProvider(app.core, admin, { name: 'trunk', type: 'sip', host: 'sip.example.com', username: 'u', weight: -1 })
        try {
          const { tid, spoolId } = await send(phone('+1555'))
          assert.equal(await until(() => statusOf(tid), (s) => s === 'failed'), 'failed')
          const [s] = await spoolsOf([spoolId])
          assert.deepEqual([s!.providerId, s!.response], [sip, 'no gateway for provider type sip'])
        } finally {
          await app.core.db.update(providers).set({ active: false }).where(eq(providers.id, sip))
        }
      })
    })

    describe('An idle dispatcher rests', () => {
      const statusOf = async (tid: number) => (await app.core.db.select({ s: transmissions.status }).from(transmissions).where(eq(transmissions.id, tid)))[0]!.s
      /**
       * A dispatcher told of writes as `serve` and `worker` tell theirs (this process's, and on
       * PostgreSQL the change notices, its own included); stopped by the returned function.
       */
      async function resting(config: Partial<typeof TEST_DISPATCH>, opts: { follow?: boolean } = {}): Promise<{ worker: Dispatcher; stop: () => Promise<void> }> {
        const worker = new Dispatcher(app.core, { ...TEST_DISPATCH, ...config }, availableGateways(app.core))
        const unfollow = opts.follow === false ? async () => {} : await followChanges(app.database, app.core, (t) => worker.tablesChanged(t))
        await worker.start()
        return { worker, stop: async () => { await worker.stop(); await unfollow() } }
      }
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
      // A running campaign keeps the planning loop at the tick (it paces): end those earlier tests left.
      before(async () => { await app.core.db.execute(sql`update campaigns set status = 'completed' where status = 'running'`) })

      test('with nothing to do its loops look less and less often, not every tick', async () => {
        const { worker, stop } = await resting({ tickMs: 10, idleMaxMs: 400 })
        try {
          await sleep(300)
          const before = { ...worker.turns }
          await sleep(1200)
          // Every tick would be about 120 turns each; resting, a few (waits of 160, 320, 400, 400 … ms).
          assert.ok(worker.turns.sending - before.sending <= 12, `sending turned ${worker.turns.sending - before.sending} times`)
          assert.ok(worker.turns.planning - before.planning <= 12, `planning turned ${worker.turns.planning - before.planning} times`)
        } finally {
          await stop()
        }
      })

      test('resting, it leaves cached reads valid: looking for work is not a write', async () => {
        const { stop } = await resting({ tickMs: 10, idleMaxMs: 50 })
        try {
          const stamp = app.core.reads.generations.stamp(['users', 'contacts'])
          await sleep(300)
          assert.equal(app.core.reads.generations.stamp(['users', 'contacts']), stamp)
        } finally {
          await stop()
        }
      })

      test('a send made while it rests goes out without waiting out its rest', async () => {
        const { worker, stop } = await resting({ tickMs: 20, idleMaxMs: 600_000 })
        try {
          await until(async () => worker.turns.planning, (n) => n >= 6)
          const tid = await createTransmission(app.core, user, { programId: program, phone: phone('+1555') })
          await sendTransmission(app.core, user, tid)
          assert.equal(await until(() => statusOf(tid), (s) => s === 'completed', 10_000), 'completed')
        } finally {
          await stop()
        }
      })

      test('a retry due later goes out at its time, even with no write to wake it', async () => {
        const tid = await createTransmission(app.core, user, { programId: program, phone: phone('+1555') })
        await app.core.db.update(transmissions).set({ status: 'pending', nextRun: new Date(Date.now() + 1500) }).where(eq(transmissions.id, tid))
        const { stop } = await resting({ tickMs: 20, idleMaxMs: 600_000 }, { follow: false })
        try {
          assert.equal(await until(() => statusOf(tid), (s) => s === 'completed', 10_000), 'completed')
        } finally {
          await stop()
        }
      })
    })
  })
}
