import { hash } from 'node:crypto'
import { eq, inArray, lt, sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { isDomainError, Limited, type LimitScope } from '../errors.ts'
import { afterAddressFailure, afterCredentialFailure, secondsLocked, type FailureRecord, type LoginLimitSettings } from './lock-state.ts'
import { loginFailures } from './login-limits.table.ts'

/** Who tries to log in, as a dialect knows it: its name (for metrics) and the client's address. */
export interface LoginAttempt {
  dialect: string
  address: string
}

/** What the login limits report (the composition root counts them in /metrics). */
export interface LoginLimitEvents {
  failed(dialect: string): void
  limited(dialect: string, scope: LimitScope): void
}

/** The login limits of a process: settings and where events go. */
export interface LoginLimits {
  readonly settings: LoginLimitSettings
  readonly events: LoginLimitEvents
}

export const NO_LOGIN_EVENTS: LoginLimitEvents = { failed() {}, limited() {} }

/**
 * The row key of a credential or an address: a digest under a key derived from the secret key, so
 * that every process on a database computes the same one while the table names nobody.
 */
export function limitKey(core: Core, scope: LimitScope, identifier: string): string {
  const derived = core.keyring.derive('login-limits', 'v1')
  let key = keyText.get(derived)
  if (key === undefined) keyText.set(derived, (key = derived.toString('base64')))
  return hash('sha256', `${key}\0${scope}\0${identifier}`, 'base64url')
}
// The derived key as text, per key (derive returns the same Buffer each time): it runs on every login.
const keyText = new WeakMap<Buffer, string>()

interface Keys {
  credential: string | null
  address: string | null
}

interface LockState {
  /** The later of the two locks that hold, if any. */
  lock: { until: number; scope: LimitScope } | null
  /** Whether the credential has failures remembered (a success then forgets them). */
  credentialRecorded: boolean
}

function keysOf(core: Core, credential: string | null, attempt: LoginAttempt): Keys {
  const s = core.loginLimits.settings
  return {
    credential: credential !== null && s.maxFailures > 0 ? limitKey(core, 'credential', credential) : null,
    address: s.addressMaxFailuresPerMinute > 0 ? limitKey(core, 'address', attempt.address) : null,
  }
}

/** The locks on these keys, from the exact read cache: no query while nothing failed (the hot path of per-request secrets). */
async function lockState(core: Core, keys: Keys): Promise<LockState> {
  const wanted = [keys.credential, keys.address].filter((k): k is string => k !== null)
  if (!wanted.length) return { lock: null, credentialRecorded: false }
  const rows = await core.reads.get(`login-limits:${wanted.join(':')}`, ['login_failures'], () =>
    core.db.select({ key: loginFailures.key, scope: loginFailures.scope, lockedUntil: loginFailures.lockedUntil })
      .from(loginFailures).where(inArray(loginFailures.key, wanted)))
  let lock: LockState['lock'] = null
  for (const r of rows) {
    const until = r.lockedUntil?.getTime() ?? 0
    if (until > (lock?.until ?? 0)) lock = { until, scope: r.scope }
  }
  return { lock, credentialRecorded: rows.some((r) => r.key === keys.credential) }
}

/**
 * Runs a login check under the limits (issue 13 finding 3). While the credential or the address is
 * locked, `verify` is not run at all and the attempt is refused with `Limited` whatever the secret:
 * a right password answers exactly as a wrong one, and costs the same (nothing). A check that ends
 * in `Unauthenticated` is a failure of both the credential and the address; a success forgets the
 * credential's failures. `credential` is the identifier the secret is checked against (a login
 * name, a reseller id), never the secret; null when the secret is presented alone (an API key:
 * then only the address counts). Without an attempt (internal callers) nothing is limited.
 */
export async function limitLogin<T>(core: Core, attempt: LoginAttempt | undefined, credential: string | null, verify: () => Promise<T>): Promise<T> {
  if (!attempt) return verify()
  const keys = keysOf(core, credential, attempt)
  const state = await lockState(core, keys)
  const seconds = state.lock && secondsLocked(state.lock.until, core.now().getTime())
  if (state.lock && seconds) {
    core.loginLimits.events.limited(attempt.dialect, state.lock.scope)
    throw new Limited(seconds, state.lock.scope)
  }
  let result: T
  try {
    result = await verify()
  } catch (e) {
    if (isDomainError(e) && e.kind === 'unauthenticated') {
      core.loginLimits.events.failed(attempt.dialect)
      await recordLoginFailure(core, keys)
    }
    throw e
  }
  if (state.credentialRecorded && keys.credential) await core.db.delete(loginFailures).where(eq(loginFailures.key, keys.credential))
  return result
}

/** Counts one failure of the credential and of the address, each under a row lock (several processes may count at once). */
async function recordLoginFailure(core: Core, keys: Keys): Promise<void> {
  const now = core.now().getTime()
  const s = core.loginLimits.settings
  await core.db.transaction(async (db) => {
    for (const [scope, key] of [['credential', keys.credential], ['address', keys.address]] as const) {
      if (!key) continue
      const at = new Date(now)
      await db.insert(loginFailures).values({ key, scope, failures: 0, windowStart: at, lastFailureAt: at }).onConflictDoNothing()
      const [row] = await db.select().from(loginFailures).where(eq(loginFailures.key, key)).for('update')
      const prev: FailureRecord | null = row && row.failures > 0
        ? { failures: row.failures, windowStart: row.windowStart.getTime(), lastFailureAt: row.lastFailureAt.getTime(), lockedUntil: row.lockedUntil?.getTime() ?? null }
        : null
      const next = scope === 'credential' ? afterCredentialFailure(prev, now, s) : afterAddressFailure(prev, now, s)
      await db.update(loginFailures).set({
        failures: next.failures, windowStart: new Date(next.windowStart), lastFailureAt: new Date(next.lastFailureAt),
        lockedUntil: next.lockedUntil === null ? null : new Date(next.lockedUntil),
      }).where(eq(loginFailures.key, key))
    }
  })
}

/** Deletes records nobody needs any more: failures older than the longest lock, whose lock has ended. */
export async function pruneLoginFailures(core: Core): Promise<void> {
  const before = new Date(core.now().getTime() - core.loginLimits.settings.lockMaxSeconds * 1000 - 60_000)
  await core.db.delete(loginFailures)
    .where(sql`${lt(loginFailures.lastFailureAt, before)} and coalesce(${loginFailures.lockedUntil}, ${loginFailures.lastFailureAt}) < ${before}`)
}
