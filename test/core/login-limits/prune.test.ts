import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addressRequests, loginFailures, pruneLoginLimits } from '../../../src/core/login-limits/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

// Issue 13 finding 3: the limit tables hold only what a limit still needs, whichever limits are on.

for (const kind of TEST_DATABASES) {
  describe(`login-limit records are pruned (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind, {}, { dispatch: true }) })
    after(async () => { await app.stop() })

    const now = () => app.core.now().getTime()
    async function seed(tag: string): Promise<void> {
      const old = new Date(now() - 2 * 3600_000)
      await app.core.db.insert(addressRequests).values([
        { key: `${tag}-old-window`, windowStart: old, requests: 5 },
        { key: `${tag}-this-window`, windowStart: new Date(now()), requests: 5 },
      ])
      await app.core.db.insert(loginFailures).values([
        { key: `${tag}-forgotten`, scope: 'credential', failures: 9, windowStart: old, lastFailureAt: old, lockedUntil: old },
        { key: `${tag}-locked`, scope: 'credential', failures: 9, windowStart: old, lastFailureAt: new Date(now()), lockedUntil: new Date(now() + 60_000) },
      ])
    }
    const keys = async (tag: string) => [
      ...(await app.core.db.select({ key: addressRequests.key }).from(addressRequests)),
      ...(await app.core.db.select({ key: loginFailures.key }).from(loginFailures)),
    ].map((r) => r.key).filter((k) => k.startsWith(tag)).sort()

    test('pruning deletes old request windows and failures whose lock is long over, and keeps the rest', async () => {
      await seed('direct')
      await pruneLoginLimits(app.core)
      assert.deepEqual(await keys('direct'), ['direct-locked', 'direct-this-window'])
    })

    test('the dispatcher\'s upkeep prunes them, once a minute', async () => {
      await seed('upkeep')
      // Its first turn pruned at start; a minute later (this app's clock moved on) it prunes again.
      app.core.now = () => new Date(Date.now() + 61_000)
      await until('the upkeep to prune', () => keys('upkeep'), (k) => k.length === 2, { timeoutMs: 30_000 })
      assert.deepEqual(await keys('upkeep'), ['upkeep-locked', 'upkeep-this-window'])
    })
  })
}
