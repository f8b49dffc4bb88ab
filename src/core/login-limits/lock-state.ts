/**
 * The pure rules of the login limits (issue 13 finding 3): how one more failed login changes a
 * credential's or an address's record, and whether a record refuses logins now. Times in ms.
 */

/** The limits, from the environment through src/config.ts (README "Configuration"); 0 turns one off. */
export interface LoginLimitSettings {
  /** Failed logins of one credential that lock it (the last of them locks it for `lockBaseSeconds`). */
  maxFailures: number
  /** The first lock; each further failure of a locked-out credential doubles it. */
  lockBaseSeconds: number
  /** The longest lock; also how long after its last failure (or lock) a credential's failures are remembered. */
  lockMaxSeconds: number
  /** Failed logins from one client address per minute (fixed windows) before its logins are refused until the minute ends. */
  addressMaxFailuresPerMinute: number
}

/** A login_failures row as these rules see it. */
export interface FailureRecord {
  failures: number
  windowStart: number
  lastFailureAt: number
  lockedUntil: number | null
}

export const ADDRESS_WINDOW_MS = 60_000

/** When a credential's remembered failures are forgotten: one longest lock after its last failure or lock. */
export function credentialForgottenAt(r: FailureRecord, s: LoginLimitSettings): number {
  return Math.max(r.lastFailureAt, r.lockedUntil ?? 0) + s.lockMaxSeconds * 1000
}

/**
 * A credential's record after one more failure at `now`: the `maxFailures`-th failure locks it for
 * the base time, each further one (a failure after the lock ended, with no success between) for
 * twice the last, up to the maximum: base·2^(failures − maxFailures).
 */
export function afterCredentialFailure(prev: FailureRecord | null, now: number, s: LoginLimitSettings): FailureRecord {
  const fresh = !prev || now >= credentialForgottenAt(prev, s)
  const failures = fresh ? 1 : prev.failures + 1
  const over = failures - s.maxFailures
  const lockedUntil = over >= 0
    ? now + Math.min(s.lockBaseSeconds * 2 ** Math.min(over, 40), s.lockMaxSeconds) * 1000
    : fresh ? null : prev.lockedUntil
  return { failures, windowStart: fresh ? now : prev.windowStart, lastFailureAt: now, lockedUntil }
}

/** An address's record after one more failure at `now`: counted per fixed minute; the limit-th failure closes the rest of the minute. */
export function afterAddressFailure(prev: FailureRecord | null, now: number, s: LoginLimitSettings): FailureRecord {
  const windowStart = now - (now % ADDRESS_WINDOW_MS)
  const failures = prev && prev.windowStart === windowStart ? prev.failures + 1 : 1
  const lockedUntil = failures >= s.addressMaxFailuresPerMinute ? windowStart + ADDRESS_WINDOW_MS : null
  return { failures, windowStart, lastFailureAt: now, lockedUntil }
}

/** Whole seconds until a lock ends, when it holds at `now` (at least 1); else null. */
export function secondsLocked(lockedUntil: number | null, now: number): number | null {
  return lockedUntil !== null && lockedUntil > now ? Math.max(1, Math.ceil((lockedUntil - now) / 1000)) : null
}
