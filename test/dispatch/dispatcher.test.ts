import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../src/core/actor.ts'
import { createProgram } from '../../src/core/programs/index.ts'
import { createProvider } from '../../src/core/providers/index.ts'
import { providers } from '../../src/core/providers/providers.table.ts'
import { createTransmission, sendTransmission, spools, transmissions } from '../../src/core/transmissions/index.ts'
import { actorForUser } from '../../src/core/users/index.ts'
import { failSilentSpools } from '../../src/dispatch/claim.ts'
import { Dispatcher } from '../../src/dispatch/dispatcher.ts'
import { availableGateways } from '../../src/dispatch/gateways.ts'
import { sandboxSends } from '../../src/gateways/sandbox/sandbox.table.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'

/** Idle poll of the dispatcher loops: on PGlite's one connection a 20 ms poll slows every request several times. */
const IDLE_TICK_MS = 50

/** Sandbox script (§5.12): +1999… never answers in time (ten minutes), +1666… fails, the rest succeed. */
const SCRIPT = { rules: [{ match: '^\\+1999', delay_ms: 600000 }, { match: '^\\+1666', outcome: 'fail', cause: 'rejected' }] }

/** Polls `probe` until `done` holds; fails after `ms`. */
async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, ms = 15000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (done(v)) return v
    if (Date.now() > end) throw new Error(`condition not reached in ${ms} ms; last value ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

let seq = 0
const phone = (prefix: string) => `${prefix}${String(++seq).padStart(7, '0')}`

for (const kind of TEST_DATABASES) {
  describe(`Dispatcher with the sandbox gateway (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0
    let providerId = 0
    /** Creates and sends a voice TTS transmission to `to`; returns its id and the spool id. */
    async function send(to: string): Promise<{ tid: number; spoolId: number }> {
      const tid = await createTransmission(app.core, user, { programId: program, phone: to })
      return { tid, spoolId: await sendTransmission(app.core, user, tid) }
    }
    const spoolsOf = (ids: number[]) => app.core.db.select().from(spools).where(inArray(spools.id, ids)).orderBy(asc(spools.id))
    const statusOf = async (tid: number) => (await app.core.db.select({ s: transmissions.status }).from(transmissions).where(eq(transmissions.id, tid)))[0]!.s

    before(async () => {
      // Four spools in flight at most.
      app = await startTestApp(kind, { dispatch: { ...TEST_DISPATCH, claimBatch: 4, tickMs: IDLE_TICK_MS } }, { dispatch: true })
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      user = await actorForUser(app.core, (await app.user(null, { phone: '+15550001111' })).id)
      providerId = await createProvider(app.core, admin, { name: 'sandbox', type: 'sandbox', settings: JSON.stringify(SCRIPT) })
      program = await createProgram(app.core, user, 'voicetts', { text: 'Hello' })
    })
    after(async () => { await app.stop() })

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
        await until(async () => (worker as unknown as { sleeping?: Set<unknown> }).sleeping?.size, (n) => n === 3)
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
}
