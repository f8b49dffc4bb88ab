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
