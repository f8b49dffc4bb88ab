import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import crypto from 'node:crypto'
import { syncBuiltinESMExports } from 'node:module'
import { after, before, describe, test } from 'node:test'
import type { Core } from '../../../src/core/core.ts'
import { Limited } from '../../../src/core/errors.ts'
import { limitKey, loginFailures, type LoginAttempt } from '../../../src/core/login-limits/index.ts'
import { authenticateApiKey } from '../../../src/core/resellers/index.ts'
import { authenticateUserPassword } from '../../../src/core/users/index.ts'
import { startTestApp, testConfig, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'

const LIMITS = { ...testConfig().limits, loginMaxFailures: 3, loginLockBaseSeconds: 1, loginLockMaxSeconds: 2 }

/** Counts scrypt runs during `work` (the whole cost of a password check). */
async function scryptRuns(work: () => Promise<unknown>): Promise<number> {
  let runs = 0
  const original = crypto.scrypt
  crypto.scrypt = ((...args: Parameters<typeof crypto.scrypt>) => { runs++; return original(...args) }) as typeof crypto.scrypt
  syncBuiltinESMExports()
  try {
    await work().catch(() => undefined)
  } finally {
    crypto.scrypt = original
    syncBuiltinESMExports()
  }
  return runs
}

for (const kind of TEST_DATABASES) {
  describe(`login limits per credential (${kind}, issue 13 finding 3)`, () => {
    let app: TestApp
    let core: Core
    const attempt: LoginAttempt = { dialect: 'test', address: '192.0.2.1' }
    before(async () => {
      app = await startTestApp(kind, { limits: LIMITS })
      core = app.core
    })
    after(async () => { await app.stop() })

    const fail = async (username: string, n: number) => {
      for (let i = 0; i < n; i++) await assert.rejects(authenticateUserPassword(core, username, `wrong-${i}`, undefined, attempt), { kind: 'unauthenticated' })
    }

    test('a login name is locked after its maximum of failures, and the lock says for how long', async () => {
      const u = await app.user(null)
      await fail(u.username, 3)
      await assert.rejects(authenticateUserPassword(core, u.username, 'wrong-again', undefined, attempt), (e) => e instanceof Limited && e.scope === 'credential' && e.retryAfterSeconds === 1)
    })

    test('during a lock the right password is refused as a wrong one, and neither is checked', async () => {
      const u = await app.user(null)
      await fail(u.username, 3)
      const refusal = (password: string) => authenticateUserPassword(core, u.username, password, undefined, attempt).then(() => 'accepted', (e: Error) => `${e.constructor.name} ${JSON.stringify(e)}`)
      assert.equal(await refusal(u.password), await refusal('wrong-password'))
      assert.equal(await scryptRuns(() => authenticateUserPassword(core, u.username, u.password, undefined, attempt)), 0)
      assert.equal(await scryptRuns(() => authenticateUserPassword(core, u.username, 'wrong', undefined, attempt)), 0)
    })

    test('a right password already in the verified-credential cache is refused during a lock too', async () => {
      const u = await app.user(null)
      await authenticateUserPassword(core, u.username, u.password, undefined, attempt)
      await fail(u.username, 3)
      await assert.rejects(authenticateUserPassword(core, u.username, u.password, undefined, attempt), { kind: 'limited' })
    })

    test('an unknown login name is locked like a known one: a lock tells nothing of who exists', async () => {
      await fail('nobody-at-all', 3)
      await assert.rejects(authenticateUserPassword(core, 'nobody-at-all', 'x', undefined, attempt), { kind: 'limited', scope: 'credential' })
    })

    test('after the lock ends the right password logs in and forgets the failures', async () => {
      const u = await app.user(null)
      await fail(u.username, 3)
      await until('the lock to end', () => authenticateUserPassword(core, u.username, u.password, undefined, attempt).then((user) => user.id, () => undefined), { intervalMs: 100 })
      const key = limitKey(core, 'credential', `user\0*\0${u.username.toLowerCase()}`)
      assert.deepEqual(await core.db.select().from(loginFailures).where(eq(loginFailures.key, key)), [])
      // Forgotten: two more failures do not lock it again (three would).
      await fail(u.username, 2)
      assert.equal((await authenticateUserPassword(core, u.username, u.password, undefined, attempt)).id, u.id)
    })

    test('a reseller claimed with a wrong key is locked; a key presented alone counts only for its address', async () => {
      const r = await app.reseller()
      for (let i = 0; i < 3; i++) await assert.rejects(authenticateApiKey(core, 'resellerclub', `wrong-key-${i}`, { resellerId: r.id }, attempt), { kind: 'unauthenticated' })
      await assert.rejects(authenticateApiKey(core, 'resellerclub', r.apiKey, { resellerId: r.id }, attempt), { kind: 'limited', scope: 'credential' })
      // The same key alone (Porta, Delacon) names no credential.
      assert.equal((await authenticateApiKey(core, 'porta', r.apiKey, undefined, attempt)).id, r.id)
    })

    test('the table holds digests, never a login name, an address or a secret', async () => {
      const u = await app.user(null)
      await fail(u.username, 1)
      const dump = JSON.stringify(await core.db.select().from(loginFailures))
      for (const text of [u.username, attempt.address, 'wrong-0']) assert.ok(!dump.includes(text), `${text} is stored`)
    })

    test('internal callers (no attempt) are not limited', async () => {
      const u = await app.user(null)
      await fail(u.username, 3)
      assert.equal((await authenticateUserPassword(core, u.username, u.password)).id, u.id)
    })
  })

  describe(`login limits per client address (${kind}, issue 13 finding 3)`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind, { limits: { ...LIMITS, addressMaxFailuresPerMinute: 4 } }) })
    after(async () => { await app.stop() })

    test('an address over its failures per minute is refused for every login name; other addresses are not', async () => {
      const attacker: LoginAttempt = { dialect: 'test', address: '198.51.100.7' }
      const u = await app.user(null)
      for (let i = 0; i < 4; i++) await assert.rejects(authenticateUserPassword(app.core, `guess-${i}`, 'x', undefined, attacker), { kind: 'unauthenticated' })
      await assert.rejects(authenticateUserPassword(app.core, u.username, u.password, undefined, attacker), (e) => e instanceof Limited && e.scope === 'address' && e.retryAfterSeconds <= 60)
      assert.equal((await authenticateUserPassword(app.core, u.username, u.password, undefined, { dialect: 'test', address: '198.51.100.8' })).id, u.id)
    })
  })
}
