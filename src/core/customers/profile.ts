import { randomInt } from 'node:crypto'
import { Invalid } from '../errors.ts'
import type { Customer, CustomerProfile } from './customers.ts'
import { countryCodeOf } from './country-names.ts'
import { isLanguageCode, isPlainText } from './customer-rules.ts'

// The one customer profile every dialect reads and writes (docs/decisions.md "One customer"): the
// rules that hold whichever dialect a value came through, and the fields derived from each other.

/** "Jane Q. Doe" → first "Jane", last "Q. Doe"; one word is a first name. */
export function nameParts(name: string): { firstName: string; lastName: string | null } {
  const t = name.trim()
  const space = t.indexOf(' ')
  return space < 0 ? { firstName: t, lastName: null } : { firstName: t.slice(0, space), lastName: t.slice(space + 1).trim() || null }
}

/** Display name from first and last names. */
export function fullName(firstName: string | null | undefined, lastName: string | null | undefined): string {
  return [firstName, lastName].filter((x) => x).join(' ')
}

const TEXT_FIELDS = ['name', 'firstName', 'lastName', 'company', 'address1', 'address2', 'address3', 'city', 'state', 'otherState'] as const

/** Country as stored: the code, and the text as given when it was more than the code. */
function countryFields(given: string | null): { country: string | null; countryName: string | null } {
  if (!given || !given.trim()) return { country: null, countryName: null }
  const code = countryCodeOf(given)
  return { country: code, countryName: code === given.trim().toUpperCase() ? null : given.trim() }
}

/** Checks and normalises the fields present in `p` (in place): texts, country, language, PIN. */
function normalise(p: Partial<CustomerProfile>): void {
  if (p.name !== undefined && !p.name?.trim()) throw new Invalid('name', 'is required', 'required')
  for (const f of TEXT_FIELDS) {
    const v = p[f]
    if (v !== undefined && v !== null && v !== '' && !isPlainText(v)) throw new Invalid(f, 'is invalid')
  }
  if (p.country !== undefined) Object.assign(p, countryFields(p.country))
  if (p.langPref != null) {
    if (!isLanguageCode(p.langPref)) throw new Invalid('langPref', 'is invalid')
    p.langPref = p.langPref.toLowerCase()
  }
  if (p.pin !== undefined && (p.pin === null || !Number.isInteger(p.pin) || p.pin < 1000 || p.pin > 9999)) throw new Invalid('pin', 'must be 4 digits')
}

/**
 * The profile of a new customer as stored: name and first/last names completed from each other,
 * country as a code (free text kept as given), a support PIN when none is given.
 */
export function completeProfile(p: Partial<CustomerProfile>): Omit<CustomerProfile, 'name'> & { name: string } {
  const out: Partial<CustomerProfile> = { country: null, ...p }
  if (!out.name && (out.firstName || out.lastName)) out.name = fullName(out.firstName, out.lastName)
  if (!out.name?.trim()) throw new Invalid('name', 'is required', 'required')
  if (out.firstName == null && out.lastName == null) Object.assign(out, nameParts(out.name))
  out.pin ??= randomInt(1000, 10_000)
  normalise(out)
  return out as Omit<CustomerProfile, 'name'> & { name: string }
}

/**
 * A change of profile fields (keys present replace, null clears) made consistent with the current
 * row: a new `name` gives first and last names, new first/last names give `name`; checked and
 * normalised as a new profile is.
 */
export function profilePatch(current: Customer, patch: Partial<CustomerProfile>): Partial<CustomerProfile> {
  const out = { ...patch }
  if (out.name && out.firstName === undefined && out.lastName === undefined) Object.assign(out, nameParts(out.name))
  else if (out.name === undefined && (out.firstName !== undefined || out.lastName !== undefined)) {
    out.name = fullName(out.firstName !== undefined ? out.firstName : current.firstName, out.lastName !== undefined ? out.lastName : current.lastName)
  }
  normalise(out)
  return out
}
