import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Actor } from '../../src/core/actor.ts'
import { createCampaign, getCampaign, prepareCampaignBatch, runCampaignTurn, startCampaign } from '../../src/core/campaigns/index.ts'
import { createGroup, findOrCreateContact, linkContact } from '../../src/core/contacts/index.ts'
import { createProgram } from '../../src/core/programs/index.ts'
import { createProvider } from '../../src/core/providers/index.ts'
import { fireDueSchedules, scheduleCampaign, scheduleTransmission } from '../../src/core/schedules/index.ts'
import { schedules } from '../../src/core/schedules/schedules.table.ts'
import { createTransmission, getTransmission, sendDueTransmissions, spools, transmissions } from '../../src/core/transmissions/index.ts'
import { actorForUser } from '../../src/core/users/index.ts'
import { queryRows } from '../../src/db/rows.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'

/** Polls `probe` until `done` holds; fails after `ms`. */
async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 10000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (done(v)) return v
    if (Date.now() > end) throw new Error(`condition not reached in ${ms} ms; last value ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

let seq = 0
const phone = () => `+1555${String(++seq).padStart(7, '0')}`

for (const kind of TEST_DATABASES) {
  // No dispatcher runs: each test drives the planning steps itself, with the clock it needs.
  describe(`Dispatcher planning: due sends and schedules (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0
    const later = (ms: number) => ({ ...app.core, now: () => new Date(Date.now() + ms) })
    const transmission = () => createTransmission(app.core, user, { programId: program, phone: phone() })
    const scheduleRows = (action: 'transmission_send' | 'campaign_start' | 'campaign_stop', target: number) =>
      app.core.db.select().from(schedules).where(and(eq(schedules.action, action), eq(schedules.targetId, target)))
    async function campaignOfOne(): Promise<number> {
      const group = await createGroup(app.core, user, { name: 'g' })
      await linkContact(app.core, user, (await findOrCreateContact(app.core, user, { phone: phone() })).id, group)
      return createCampaign(app.core, user, { programId: program, groupId: group, cpm: 600 })
    }

    before(async () => {
      app = await startTestApp(kind)
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      user = await actorForUser(app.core, (await app.user(null, { phone: '+15550001111' })).id)
      await createProvider(app.core, admin, { name: 'sandbox', type: 'sandbox' })
      program = await createProgram(app.core, user, 'voicetts', { text: 'Hello' })
    })
    after(async () => { await app.stop() })

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

    test('a fired schedule the state machine refuses is skipped silently and removed', async () => {
      const cid = await campaignOfOne()
      await scheduleCampaign(app.core, user, cid, 'stop', { delay: 1 })
      await fireDueSchedules(later(2000), 100)
      assert.equal((await getCampaign(app.core, user, cid)).status, 'new')
      assert.deepEqual(await scheduleRows('campaign_stop', cid), [])
    })
  })
}

for (const kind of TEST_DATABASES.filter((k) => k === 'postgres')) {
  // Only PostgreSQL runs transactions side by side; PGlite has one connection.
  describe(`Firing schedules beside concurrent changes of their targets, no deadlock (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0
    const waitingOnLocks = async () => (await queryRows<{ n: number }>(app.core.db, sql`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`))[0]!.n

    before(async () => {
      app = await startTestApp(kind)
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      user = await actorForUser(app.core, (await app.user(null, { phone: '+15550001111' })).id)
      await createProvider(app.core, admin, { name: 'sandbox', type: 'sandbox' })
      program = await createProgram(app.core, user, 'voicetts', { text: 'Hello' })
    })
    after(async () => { await app.stop() })

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
