import { randomUUID } from 'node:crypto'

/** A new random GUID as click-to-call shows them: 36 characters, upper-case hex `8-4-4-4-12`. */
export function newGuid(): string {
  return randomUUID().toUpperCase()
}

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/

/** The canonical (upper-case) form of a GUID given in any case, or null when it is not one. */
export function canonicalGuid(raw: string): string | null {
  const g = raw.toUpperCase()
  return GUID.test(g) ? g : null
}

/**
 * A member phone number in its stored form: spaces, `-`, `.`, `(`, `)` removed; valid is an
 * optional `+` then 7–15 digits. Null when invalid.
 */
export function normalisePhone(raw: string): string | null {
  const n = raw.replace(/[ \-.()]/g, '')
  return /^\+?[0-9]{7,15}$/.test(n) ? n : null
}

