import { Invalid } from '../errors.ts'

/**
 * Field rules shared by users and accounts (spec/ictcore.md §3 "Validation rules"). Each takes the
 * core field name for its error, `undefined` (not supplied) passes through, `null` clears.
 */

const PHONE = /^\+?[0-9]{3,20}$/
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/

/** Strings are at most 255 characters unless a rule says otherwise. */
export const SHORT_TEXT = 255
/** Long text (descriptions, setting values). */
export const LONG_TEXT = 65_535

/** A phone number: spaces, `-`, `.`, `(`, `)` removed, then `+?` and 3-20 digits; returns that form. */
export function phoneRule(field: string, v: string | null | undefined): string | null | undefined {
  if (v === undefined || v === null) return v
  const n = v.replace(/[\s\-.()]/g, '')
  if (!PHONE.test(n)) throw new Invalid(field, 'is not a phone number')
  return n
}

/** An email address of at most 254 characters. */
export function emailRule(field: string, v: string | null | undefined): string | null | undefined {
  if (v === undefined || v === null) return v
  if (v.length > 254 || !EMAIL.test(v)) throw new Invalid(field, 'is not an email address')
  return v
}

/** A string of at most `max` characters; `""` counts as a value (use `required` to refuse it). */
export function textRule(field: string, v: string | null | undefined, max = SHORT_TEXT): string | null | undefined {
  if (v === undefined || v === null) return v
  if (v.length > max) throw new Invalid(field, `is longer than ${max} characters`, 'too_long')
  // PostgreSQL text cannot hold NUL.
  if (v.includes('\u0000')) throw new Invalid(field, 'contains a NUL character')
  return v
}

/** Refuses a missing, null or empty value. */
export function required<T>(field: string, v: T | null | undefined): T {
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) throw new Invalid(field, 'is required', 'required')
  return v
}

/** Refuses null or "" for a field that is supplied (partial updates of required fields). */
export function notCleared<T>(field: string, v: T | null | undefined): T | undefined {
  if (v === undefined) return undefined
  return required(field, v)
}

/** Empty strings of optional fields are stored as null. */
export function blankToNull(v: string | null | undefined): string | null | undefined {
  return v === '' ? null : v
}

/** A password of 6-128 characters (login secrets, ICTCore §5.1). */
export function passwordRule(field: string, v: string | null | undefined): string | undefined {
  if (v === undefined) return undefined
  if (v === null || v.length < 6 || v.length > 128) throw new Invalid(field, 'must be 6-128 characters', v ? 'invalid' : 'required')
  return v
}


const DECIMAL = /^[0-9]{1,11}(\.[0-9]{1,3})?$/

/** A non-negative amount of money with at most three decimals, as its canonical decimal text. */
export function amountRule(field: string, v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim()
  if (!DECIMAL.test(text)) throw new Invalid(field, 'must be an amount of at least 0 with at most 3 decimals')
  return text
}

/** A whole number within [min, max]. */
export function integerRule(field: string, v: number | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined
  if (!Number.isInteger(v) || v < min || v > max) throw new Invalid(field, `must be an integer from ${min} to ${max}`)
  return v
}
