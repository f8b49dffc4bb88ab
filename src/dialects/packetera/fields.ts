import { canonicalGuid, normalisePhone } from '../../core/click-to-call/index.ts'
import { failures } from './errors.ts'
import type { PacketeraInput } from './request.ts'

/** Length in Unicode characters (spec §2: counted after trimming, by code point). */
export function charLength(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

/** A required field: presence (1003), then length (1004). */
export function requiredField(input: PacketeraInput, name: string, max: number): string {
  const v = input.get(name)
  if (v === undefined) throw failures.missing(name)
  if (charLength(v) > max) throw failures.tooLong(name, max)
  return v
}

/** An optional field: length (1004) when present. */
export function optionalField(input: PacketeraInput, name: string, max: number): string | undefined {
  const v = input.get(name)
  if (v !== undefined && charLength(v) > max) throw failures.tooLong(name, max)
  return v
}

// Stored text (names, company, places) may not carry control characters (project decision).
const CONTROL = /\p{Cc}/u

/** A stored text value: no control characters, else 1005. */
export function plainText(name: string, v: string): string
export function plainText(name: string, v: string | undefined): string | undefined
export function plainText(name: string, v: string | undefined): string | undefined {
  if (v !== undefined && CONTROL.test(v)) throw failures.invalid(name)
  return v
}

/** `Yes`/`No`/`true`/`false`, any case (1101 Corporate). */
export function yesNo(name: string, v: string): boolean {
  const l = v.toLowerCase()
  if (l === 'yes' || l === 'true') return true
  if (l === 'no' || l === 'false') return false
  throw failures.invalid(name)
}

export function yesNoOut(b: boolean): string {
  return b ? 'Yes' : 'No'
}

/**
 * A login email (1101 UserEmail): `local@domain`, no white space, a dotted domain. The characters
 * are those a Switchboard login name may hold (letters, digits, `. _ + -`; project decision).
 */
export function isEmail(v: string): boolean {
  return /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(v) && v.length <= 128
}

/** A phone number field, normalised (spec §4); malformed → 1005. */
export function phoneField(input: PacketeraInput, name: string, required: true): string
export function phoneField(input: PacketeraInput, name: string, required: false): string | undefined
export function phoneField(input: PacketeraInput, name: string, required: boolean): string | undefined {
  const v = required ? requiredField(input, name, 20) : optionalField(input, name, 20)
  if (v === undefined) return undefined
  const n = normalisePhone(v)
  if (!n) throw failures.invalid(name)
  return n
}

/** A required GUID field (ButtonGUID): presence, length 40, GUID in any case (1005); canonical upper case. */
export function guidField(input: PacketeraInput, name: string): string {
  const g = canonicalGuid(requiredField(input, name, 40))
  if (!g) throw failures.invalid(name)
  return g
}
