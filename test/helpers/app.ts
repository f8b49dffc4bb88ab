import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { buildApp, type SwitchboardApp } from '../../src/app.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { createLogger } from '../../src/logger.ts'
import { createReseller, type NewReseller } from '../../src/core/resellers/index.ts'
import { insertUser, type NewUser } from '../../src/core/users/index.ts'
import { openTestDatabase, type DatabaseKind } from './database.ts'
import { sweepLogSink, sweepSecret } from './secret-sweep.ts'

export interface TestApp extends SwitchboardApp {
  kind: DatabaseKind
  /** Creates a reseller with a unique username; returns it with its API key. */
  reseller(input?: Partial<NewReseller>): Promise<{ id: number; username: string; apiKey: string }>
  /** Creates a user (default role `user`) in a tenant (null = platform); returns it with its password. */
  user(tenantId: number | null, input?: Partial<NewUser>): Promise<{ id: number; username: string; password: string }>
}

let seq = 0
/** A unique short name for test rows (resellers, users) so tests sharing one app never collide. */
export function uniqueName(prefix = 't'): string {
  return `${prefix}${process.pid.toString(36)}${(++seq).toString(36)}${randomBytes(2).toString('hex')}`.slice(0, 20)
}

/** Config for tests: a throw-away data dir, a fixed secret key (known to the secret sweep), silent logs unless LOG_LEVEL is set. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = {
    ...loadConfig({}),
    dataDir: join(tmpdir(), `sb-test-${randomBytes(6).toString('hex')}`),
    secretKey: randomBytes(32).toString('base64'),
    logLevel: process.env.LOG_LEVEL ?? 'silent',
    // Every test request comes from 127.0.0.1, and the fuzz and isolation suites fail logins on
    // purpose: the per-address limits (issue 13 finding 3) are far off unless a test sets them.
    limits: { ...loadConfig({}).limits, addressMaxFailuresPerMinute: 100_000, addressMaxRequestsPerMinute: 1_000_000 },
    ...overrides,
  }
  sweepSecret(config.secretKey)
  return config
}

/**
 * The app's own logger (its redaction included) for a test app: every level, into the secret sweep
 * (helpers/secret-sweep.ts), which shows the lines on stderr only when LOG_LEVEL is set.
 */
export function testLogger(): Logger {
  return createLogger('trace', sweepLogSink())
}

/** Dispatcher timing for tests: quick polls and leases; the spec's delays unless a test shortens them. */
export const TEST_DISPATCH = { retryDelaySeconds: 60, spoolTimeoutSeconds: 1800, leaseSeconds: 5, claimBatch: 100, tickMs: 20, idleMaxMs: 1000 }

/**
 * An app on a fresh database of `kind` (call `stop()` in `after`); `dispatch` also runs the
 * dispatcher; `adminToken` opens the native admin API.
 */
export async function startTestApp(kind: DatabaseKind, overrides: Partial<Config> = {}, opts: { dispatch?: boolean; adminToken?: string } = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind)
  const config = testConfig({ dispatch: TEST_DISPATCH, ...overrides })
  const app = await buildApp({ config, database, logger: testLogger(), dispatch: opts.dispatch, adminToken: opts.adminToken })
  return {
    ...app,
    kind,
    async stop() {
      await app.stop()
      await database.close()
      rmSync(config.dataDir, { recursive: true, force: true })
    },
    async reseller(input = {}) {
      const username = input.username ?? uniqueName('r')
      const { reseller, apiKey } = await createReseller(app.core, { name: `Reseller ${username}`, ...input, username })
      return { id: reseller.id, username: reseller.username, apiKey }
    },
    async user(tenantId, input = {}) {
      const username = input.username ?? uniqueName('u')
      const password = input.password ?? `pw-${randomBytes(6).toString('hex')}`
      const u = await insertUser(app.core.db, tenantId, { ...input, username, password })
      return { id: u.id, username: u.username, password }
    },
  }
}
