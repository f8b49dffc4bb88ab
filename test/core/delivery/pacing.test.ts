import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../../src/core/actor.ts'
import { createCampaign, prepareCampaignBatch, startCampaign, stopCampaign, updateCampaign } from '../../../src/core/campaigns/index.ts'
import { createGroup, findOrCreateContact, linkContact } from '../../../src/core/contacts/index.ts'
import { runCampaignTurn } from '../../../src/core/delivery/index.ts'
import { spools, transmissions } from '../../../src/core/transmissions/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sendingFixture } from '../../helpers/sending.ts'

let seq = 0
const phone = () => `+1555${String(++seq).padStart(7, '0')}`

for (const kind of TEST_DATABASES) {
  // Campaign pacing (pacing.ts) without a dispatcher: the tests turn it, with the clocks they need.
  describe(`Delivery: campaign pacing, spec §7.3 (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ user, program } = await sendingFixture(app))
    })
    after(async () => { await app.stop() })

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
  })
}
