import { isIP } from 'node:net'
import {
  isCountryCode, isLanguageCode, isLoginEmail, isPhoneCc, isPhoneNumber, isPlainText, isZipcode, meetsPasswordPolicy,
} from '../../core/customers/index.ts'
import { RcError, javaMap, mapEntry } from './errors.ts'
import type { RcParams } from './params.ts'

/** One parameter of a call, in the order of spec §4 (the order failures are reported in). */
export interface ParamRule {
  name: string
  /** Required always, or when the other parameters say so (pairs, `other-state`). */
  required?: boolean | ((p: RcParams) => boolean)
  /** The value's rule (spec §6); absent = any non-empty value. */
  check?: (v: string) => boolean
  /** Failure text other than `is invalid` (the password policy). */
  reason?: string
  /** Arrays are repeated keys (spec §2.2); every value is checked. */
  repeatable?: boolean
  /** Shown in the API reference. */
  description?: string
}

export const PASSWORD_POLICY = 'must be 8-16 printable ASCII characters with at least one letter and one digit'

/**
 * Checks every rule and reports all failures at once, Java-map style in rule order
 * (spec §6: `{name=name is required, country=country is invalid}`).
 */
export function validate(p: RcParams, rules: readonly ParamRule[]): void {
  const failures: string[] = []
  for (const r of rules) {
    const values = r.repeatable ? p.all(r.name) : [p.get(r.name)].filter((v): v is string => v !== undefined)
    if (!values.length) {
      const required = typeof r.required === 'function' ? r.required(p) : r.required === true
      if (required) failures.push(mapEntry(r.name, 'is required'))
      continue
    }
    if (r.check && !values.every(r.check)) failures.push(mapEntry(r.name, r.reason ?? 'is invalid'))
  }
  if (failures.length) throw new RcError(javaMap(failures))
}

// Value rules of spec §6.
const INT32_MAX = 2_147_483_647
export const positiveInteger = (v: string) => /^[0-9]{1,30}$/.test(v) && /[1-9]/.test(v)
export const nonNegativeDecimal = (v: string) => v.length <= 40 && /^[0-9]+(\.[0-9]+)?$/.test(v)
export const bool = (v: string) => /^(true|false)$/i.test(v)
export const text255 = (v: string) => isPlainText(v, 255)
export const ipAddress = (v: string) => isIP(v) !== 0
export const noOfRecords = (v: string) => /^[0-9]{1,6}$/.test(v) && Number(v) >= 10 && Number(v) <= 500

/** A validated decimal id as a number, or null when beyond the 32-bit id range (then it matches nothing). */
export function idOf(v: string): number | null {
  const n = Number(v)
  return Number.isSafeInteger(n) && n <= INT32_MAX ? n : null
}

/** A validated decimal without leading zeros, for messages (`Invalid customer-id: 7`). */
export function canonicalInteger(v: string): string {
  return v.replace(/^0+(?=[0-9])/, '')
}

const notApplicable = (p: RcParams) => (p.get('state') ?? '').toLowerCase() === 'not applicable'
const with_ = (other: string) => (p: RcParams) => p.has(other)

/** signup's required parameters (spec §4), `passwd` included when `withPassword`. */
function requiredProfile(withPassword: boolean): ParamRule[] {
  return [
    { name: 'username', required: true, check: isLoginEmail, description: 'Login email of the customer' },
    ...(withPassword ? [{ name: 'passwd', required: true, check: meetsPasswordPolicy, reason: PASSWORD_POLICY, description: 'Password: 8-16 characters, a letter and a digit' }] : []),
    { name: 'name', required: true, check: text255 },
    { name: 'company', required: true, check: text255 },
    { name: 'address-line-1', required: true, check: text255 },
    { name: 'city', required: true, check: text255 },
    { name: 'state', required: true, check: text255, description: '`Not Applicable` requires other-state' },
    { name: 'country', required: true, check: isCountryCode, description: 'ISO 3166-1 alpha-2' },
    { name: 'zipcode', required: true, check: isZipcode },
    { name: 'phone-cc', required: true, check: isPhoneCc },
    { name: 'phone', required: true, check: isPhoneNumber },
    { name: 'lang-pref', required: true, check: isLanguageCode, description: 'ISO 639-1' },
  ]
}

const OPTIONAL_PROFILE: ParamRule[] = [
  { name: 'other-state', required: notApplicable, check: text255 },
  { name: 'address-line-2', check: text255 },
  { name: 'address-line-3', check: text255 },
  { name: 'alt-phone-cc', required: with_('alt-phone'), check: isPhoneCc },
  { name: 'alt-phone', required: with_('alt-phone-cc'), check: isPhoneNumber },
  { name: 'fax-cc', required: with_('fax'), check: isPhoneCc },
  { name: 'fax', required: with_('fax-cc'), check: isPhoneNumber },
  { name: 'mobile-cc', required: with_('mobile'), check: isPhoneCc },
  { name: 'mobile', required: with_('mobile-cc'), check: isPhoneNumber },
  { name: 'vat-id', check: (v) => isPlainText(v, 32) },
]

const CONSENTS: ParamRule[] = [
  { name: 'sms-consent', check: bool },
  { name: 'accept-policy', check: bool },
  { name: 'marketing-email-consent', check: bool },
]

export const SIGNUP_RULES: readonly ParamRule[] = [...requiredProfile(true), ...OPTIONAL_PROFILE, ...CONSENTS]
export const MODIFY_RULES: readonly ParamRule[] = [
  { name: 'customer-id', required: true, check: positiveInteger }, ...requiredProfile(false), ...OPTIONAL_PROFILE,
]
