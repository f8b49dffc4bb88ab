import { isDomainError, Unavailable, type DomainError } from '../errors.ts'

// Database errors core turns into domain errors, recognised the same way on PGlite and PostgreSQL
// (both report SQLSTATE codes; drizzle may wrap the driver's error in `cause`).

function sqlState(e: unknown): string | null {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code)) return x.code
  }
  return null
}

/** Whether a database error (or one it wraps) is a unique-index violation (23505). */
export function isUniqueViolation(e: unknown): boolean {
  return sqlState(e) === '23505'
}

/** Whether a database error (or one it wraps) is a foreign-key violation (23503). */
export function isForeignKeyViolation(e: unknown): boolean {
  return sqlState(e) === '23503'
}

/** SQLSTATEs of a database that cannot take the work now: class 53 (insufficient resources), 57P0x (shutting down, starting up), 08 (connection). */
const UNAVAILABLE_STATES = /^(53|57P0[1-3]|08)/
/** Driver errors of a connection that is gone or never came (PostgreSQL restarting or down). */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN'])
const CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Client was closed|timeout exceeded when trying to connect)/

/**
 * A database failure that is not the request's fault, as the domain's `Unavailable` with a reason
 * safe to show (never the database's text): a full disk (53100, PGlite and PostgreSQL alike) or a
 * database that is down or restarting. Null for anything else. Issue 13 point 10.
 */
export function databaseUnavailable(e: unknown): Unavailable | null {
  if (e instanceof Unavailable) return e
  const state = sqlState(e)
  if (state === '53100') return new Unavailable('storage full: the database has no disk space left; writes are refused until space is freed')
  if (state && UNAVAILABLE_STATES.test(state)) return new Unavailable('database unavailable: try again shortly')
  for (let x = e as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if ((typeof x.code === 'string' && CONNECTION_CODES.has(x.code)) || (typeof x.message === 'string' && CONNECTION_MESSAGES.test(x.message))) {
      return new Unavailable('database unavailable: try again shortly')
    }
  }
  return null
}

/**
 * The domain error a thrown value stands for: a DomainError itself, or a database failure that is not
 * the request's fault as `Unavailable` (above); null for anything else (an internal error). Every
 * dialect's error rendering starts here, so what counts as a domain error is decided once.
 */
export function domainErrorOf(e: unknown): DomainError | null {
  return isDomainError(e) ? e : databaseUnavailable(e)
}
