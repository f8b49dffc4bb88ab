import isoCodes from './iso-codes.json' with { type: 'json' }

/**
 * Wire-neutral checks of customer profile values (any dialect that takes a customer profile may use
 * them). Country and language lists are the assigned ISO codes of `iso-codes.json`.
 */

const COUNTRIES: ReadonlySet<string> = new Set(isoCodes.countries)
const LANGUAGES: ReadonlySet<string> = new Set(isoCodes.languages)

/** An assigned ISO 3166-1 alpha-2 code, case-insensitive. */
export function isCountryCode(v: string): boolean {
  return v.length === 2 && COUNTRIES.has(v.toUpperCase())
}

/** An assigned ISO 639-1 code, case-insensitive. */
export function isLanguageCode(v: string): boolean {
  return v.length === 2 && LANGUAGES.has(v.toLowerCase())
}

/** Every assigned ISO 3166-1 alpha-2 code (upper case). */
export function countryCodes(): readonly string[] {
  return isoCodes.countries
}

/** Every ISO 639-1 code (lower case). */
export function languageCodes(): readonly string[] {
  return isoCodes.languages
}

// eslint-disable-next-line no-control-regex -- the rule is precisely "no control characters"
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

/** A login email: `local@domain`, no white space or control characters, the domain has a dot, at most 128 characters. */
export function isLoginEmail(v: string): boolean {
  return v.length <= 128 && EMAIL.test(v) && !CONTROL.test(v)
}

const PASSWORD = /^[\x21-\x7e]{8,16}$/

/** Customer password policy: 8–16 printable ASCII characters without space, a letter and a digit. */
export function meetsPasswordPolicy(v: string): boolean {
  return PASSWORD.test(v) && /[A-Za-z]/.test(v) && /[0-9]/.test(v)
}

/** Free text of 1..max characters (code points) without control characters. */
export function isPlainText(v: string, max = 255): boolean {
  if (!v || CONTROL.test(v)) return false
  let n = 0
  for (const _ of v) if (++n > max) return false
  return true
}

/** Postal code: 1–16 letters, digits, spaces or hyphens. */
export function isZipcode(v: string): boolean {
  return /^[A-Za-z0-9 -]{1,16}$/.test(v)
}

/** Telephone country code: 1–3 digits. */
export function isPhoneCc(v: string): boolean {
  return /^[0-9]{1,3}$/.test(v)
}

/** Telephone number without country code: 4–12 digits. */
export function isPhoneNumber(v: string): boolean {
  return /^[0-9]{4,12}$/.test(v)
}
