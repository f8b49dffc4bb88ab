import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { createAccount, setAccountOwner } from '../../src/core/accounts/index.ts'
import type { Actor } from '../../src/core/actor.ts'
import { createCampaign, getCampaign, startCampaign } from '../../src/core/campaigns/index.ts'
import { createGroup, findOrCreateContact, linkContact } from '../../src/core/contacts/index.ts'
import { failSilentSpools } from '../../src/core/delivery/index.ts'
import { createProvider } from '../../src/core/providers/index.ts'
import { subscribeNewProgram } from '../../src/core/programs/index.ts'
import { providers } from '../../src/core/providers/providers.table.ts'
import { sandboxSends } from '../../src/core/sandbox/index.ts'
import { fireDueSchedules, scheduleCampaign, scheduleTransmission } from '../../src/core/schedules/index.ts'
import { schedules } from '../../src/core/schedules/schedules.table.ts'
import { createTransmission, getTransmission, sendTransmission, spools, transmissions } from '../../src/core/transmissions/index.ts'
import { actorForUser } from '../../src/core/users/index.ts'
import { queryRows } from '../../src/db/rows.ts'
import { followChanges } from '../../src/app.ts'
import { Dispatcher } from '../../src/dispatch/dispatcher.ts'
import { availableGateways } from '../../src/dispatch/gateways.ts'
import type { Gateway, InboundReport } from '../../src/gateways/gateway.ts'
import { startTestApp, TEST_DISPATCH, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { holdsFor, until } from '../helpers/poll.ts'
import { sendingFixture } from '../helpers/sending.ts'

/** Sandbox script (§5.12): +1999… never answers in time (ten minutes), +1666… fails, the rest succeed. */
const SCRIPT = { rules: [{ match: '^\\+1999', delay_ms: 600000 }, { match: '^\\+1666', outcome: 'fail', cause: 'rejected' }] }

let seq = 0
const phone = (prefix = '+1555') => `${prefix}${String(++seq).padStart(7, '0')}`

for (const kind of TEST_DATABASES) {
  // The dispatcher and the planning calls it makes (schedules; delivery's own steps are tested in
  // test/core/delivery) on one database, since a PGlite database costs seconds to open. The planning
  // calls run without a dispatcher, the tests playing it with the clocks they need; the rest starts real ones.
  describe(`Dispatch (${kind})`, () => {
    let app: TestApp
    let admin: Actor
    let user: Actor
    let program = 0
    let providerId = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ admin, user, providerId, program } = await sendingFixture(app, SCRIPT))
    })
    after(async () => { await app.stop() })

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
            await until('the firing to finish or wait on the row lock', async () => settled || (await waitingOnLocks()) > 0, (v) => v)
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
            await until('the firing to finish or wait on the row lock', async () => settled || (await waitingOnLocks()) > 0, (v) => v)
          })
          await firing
          assert.equal((await getTransmission(app.core, user, tid)).status, 'pending', 'postponed while locked')
          assert.equal((await app.core.db.select().from(schedules).where(eq(schedules.targetId, tid))).length, 1, 'kept')
          await fireDueSchedules(app.core, 100)
          assert.equal((await getTransmission(app.core, user, tid)).status, 'processing')
        })
      })
    }

    describe('A gateway\'s inbound messages (the port\'s inbound event)', () => {
      test('go to core: one for an account is stored and accepted, one for no account is refused with core\'s reason', async () => {
        const account = await createAccount(app.core, admin, { username: uniqueName('inbox'), phone: '+15559990000' })
        await setAccountOwner(app.core, admin, account, user.userId!)
        await subscribeNewProgram(app.core, user, account, 'receivesms', {})
        let inbound: InboundReport | undefined
        // A gateway of a type no provider uses here, which only listens; the sandbox serves the rest.
        const listening: Gateway = { types: ['smpp'], send: async () => {}, start: async (report) => { inbound = report } }
        const worker = new Dispatcher(app.core, TEST_DISPATCH, [...availableGateways(app.core), listening])
        await worker.start()
        try {
          const sms = { service: 'sms' as const, from: '+15551230000', text: 'STOP' }
          assert.deepEqual(await inbound!({ kind: 'inbound', message: { ...sms, to: '+15559990000' } }), { accepted: true })
          const received = await app.core.db.select().from(transmissions).where(and(eq(transmissions.accountId, account), eq(transmissions.direction, 'inbound')))
          assert.deepEqual(received.map((t) => [t.status, t.origin]), [['completed', 'receivesms']])
          assert.deepEqual(await inbound!({ kind: 'inbound', message: { ...sms, to: '+15559998888' } }), { accepted: false, reason: 'No account for this recipient' })
        } finally {
          await worker.stop()
        }
      })
    })

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
        await until('the transmission to complete', () => statusOf(tid), (s) => s === 'completed')
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
        await until('the four silent attempts to be started', () => spoolsOf(ids), (rows) => rows.every((r) => r.status === 'started'))
        // Another worker's watchdog, whose clock is past the spool timeout, fails them.
        await failSilentSpools({ ...app.core, now: () => new Date(Date.now() + 3_600_000) })
        const failed = await spoolsOf(ids)
        assert.deepEqual(failed.map((r) => [r.status, r.response]), [['failed', 'timeout'], ['failed', 'timeout'], ['failed', 'timeout'], ['failed', 'timeout']])
        const { tid } = await send(phone('+1555'))
        assert.equal(await until('the next send to complete', () => statusOf(tid), (s) => s === 'completed', { timeoutMs: 10_000 }), 'completed')
      })

      test('a failed send is recorded for its transmission and the next ones still go out', async () => {
        const bad = await send(phone('+1666'))
        const good = await send(phone('+1555'))
        assert.equal(await until('the failing send to be recorded failed', () => statusOf(bad.tid), (s) => s === 'failed'), 'failed')
        assert.equal(await until('the next send to complete', () => statusOf(good.tid), (s) => s === 'completed'), 'completed')
      })

      test('stop returns without waiting out the loops\' idle intervals', async () => {
        // A second worker on the same database, whose upkeep loop idles 5 s between turns.
        const worker = new Dispatcher(app.core, { ...TEST_DISPATCH, leaseSeconds: 30 }, availableGateways(app.core))
        await worker.start()
        try {
          // Once all four loops idle (the upkeep one for 5 s; the fourth sends partner callbacks)…
          await until('all four loops to idle', async () => (worker as unknown as { resting?: Map<unknown, unknown> }).resting?.size, (n) => n === 4)
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
          assert.equal(await until('the attempt without a gateway to fail', () => statusOf(tid), (s) => s === 'failed'), 'failed')
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
      // A running campaign keeps the planning loop at the tick (it paces): end those earlier tests left.
      before(async () => { await app.core.db.execute(sql`update campaigns set status = 'completed' where status = 'running'`) })

      test('with nothing to do its loops look less and less often, not every tick', async () => {
        const { worker, stop } = await resting({ tickMs: 10, idleMaxMs: 400 })
        try {
          // Six idle turns each: their waits have doubled from 10 ms to 320 ms (then 400, the most).
          await until('the loops to turn six times', () => ({ ...worker.turns }), (t) => t.sending >= 6 && t.planning >= 6 && t.callbacks >= 6, { intervalMs: 10 })
          const before = { ...worker.turns }
          // A time window, not a wait: what is counted is how often the loops look in it. 800 ms is
          // two of the longest rests; every tick would be about 80 turns each, resting two or three.
          const turned = () => ({ sending: worker.turns.sending - before.sending, planning: worker.turns.planning - before.planning, callbacks: worker.turns.callbacks - before.callbacks })
          await holdsFor('at most 8 turns of each loop in 800 ms', turned, (n) => n.sending <= 8 && n.planning <= 8 && n.callbacks <= 8, { forMs: 800 })
        } finally {
          await stop()
        }
      })

      test('resting, it leaves cached reads valid: looking for work is not a write', async () => {
        const { worker, stop } = await resting({ tickMs: 10, idleMaxMs: 50 })
        try {
          const stamp = app.core.reads.generations.stamp(['users', 'contacts'])
          const before = { ...worker.turns }
          await until('both loops to look for work six more times', () => ({ ...worker.turns }), (t) => t.sending >= before.sending + 6 && t.planning >= before.planning + 6, { intervalMs: 10 })
          assert.equal(app.core.reads.generations.stamp(['users', 'contacts']), stamp)
        } finally {
          await stop()
        }
      })

      test('a send made while it rests goes out without waiting out its rest', async () => {
        const { worker, stop } = await resting({ tickMs: 20, idleMaxMs: 600_000 })
        try {
          await until('the planning loop to turn six times', async () => worker.turns.planning, (n) => n >= 6, { intervalMs: 10 })
          const tid = await createTransmission(app.core, user, { programId: program, phone: phone('+1555') })
          await sendTransmission(app.core, user, tid)
          assert.equal(await until('the send to go out', () => statusOf(tid), (s) => s === 'completed', { timeoutMs: 10_000 }), 'completed')
        } finally {
          await stop()
        }
      })

      test('a retry due later goes out at its time, even with no write to wake it', async () => {
        const tid = await createTransmission(app.core, user, { programId: program, phone: phone('+1555') })
        await app.core.db.update(transmissions).set({ status: 'pending', nextRun: new Date(Date.now() + 1500) }).where(eq(transmissions.id, tid))
        const { stop } = await resting({ tickMs: 20, idleMaxMs: 600_000 }, { follow: false })
        try {
          assert.equal(await until('the retry to go out at its time', () => statusOf(tid), (s) => s === 'completed', { timeoutMs: 10_000 }), 'completed')
        } finally {
          await stop()
        }
      })
    })
  })
}
