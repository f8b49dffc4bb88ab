import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { asc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../../../src/core/actor.ts'
import type { Core } from '../../../src/core/core.ts'
import { EventSink } from '../../../src/core/delivery/index.ts'
import { createTransmission, sendTransmission, spoolResults, spools } from '../../../src/core/transmissions/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sendingFixture } from '../../helpers/sending.ts'

for (const kind of TEST_DATABASES) {
  describe(`Delivery: the EventSink (${kind})`, () => {
    let app: TestApp
    let user: Actor
    let program = 0

    before(async () => {
      app = await startTestApp(kind)
      ;({ user, program } = await sendingFixture(app))
    })
    after(async () => { await app.stop() })

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
  })
}
