import type { Customer, CustomerProfile } from '../../core/customers/index.ts'
import { readPartnerSettings, type Reseller } from '../../core/resellers/index.ts'
import type { RcParams } from './params.ts'
import type { RcMap } from './xml.ts'

/**
 * ResellerClub wire names ↔ core customer fields. Every `auth-userid`, `telnocc`, `creationdt` … of
 * the dialect lives here (spec §5).
 */

/** Optional profile parameters: wire name → core field. */
const OPTIONAL_FIELDS = {
  'other-state': 'otherState', 'address-line-2': 'address2', 'address-line-3': 'address3',
  'alt-phone-cc': 'altPhoneCc', 'alt-phone': 'altPhone', 'fax-cc': 'faxCc', fax: 'fax',
  'mobile-cc': 'mobileCc', mobile: 'mobile', 'vat-id': 'vatId',
} as const satisfies Record<string, keyof CustomerProfile>

/** The required profile fields of signup/modify (validated already). */
function requiredProfile(p: RcParams): Partial<CustomerProfile> {
  return {
    name: p.get('name')!, company: p.get('company')!, address1: p.get('address-line-1')!, city: p.get('city')!,
    state: p.get('state')!, country: p.get('country')!.toUpperCase(), zipcode: p.get('zipcode')!,
    phoneCc: p.get('phone-cc')!, phone: p.get('phone')!, langPref: p.get('lang-pref')!.toLowerCase(),
  }
}

const bool = (v: string | undefined) => (v === undefined ? null : v.toLowerCase() === 'true')

/** The profile of `customers/signup`: absent optional fields stay unset. */
export function signupProfile(p: RcParams): Partial<CustomerProfile> {
  const profile = requiredProfile(p)
  for (const [wire, field] of Object.entries(OPTIONAL_FIELDS)) profile[field] = p.get(wire) ?? null
  profile.smsConsent = bool(p.get('sms-consent'))
  profile.acceptPolicy = bool(p.get('accept-policy'))
  profile.marketingEmailConsent = bool(p.get('marketing-email-consent'))
  return profile
}

/** The patch of `customers/modify`: an optional field sent empty clears, omitted keeps (spec §2.2). */
export function modifyPatch(p: RcParams): Partial<CustomerProfile> {
  const patch = requiredProfile(p)
  for (const [wire, field] of Object.entries(OPTIONAL_FIELDS)) if (p.sent(wire)) patch[field] = p.get(wire) ?? null
  return patch
}

/** Java `Double.toString` of a decimal string as the spec shows it: `0.0`, `125.5`, `8.99`. */
export function javaDouble(decimal: string | number): string {
  const [int, frac = ''] = String(decimal).split('.')
  const f = frac.replace(/0+$/, '')
  return `${canonicalInt(int!)}.${f || '0'}`
}

// BigInt normalises odd integer parts ('', '-0', '007'); a canonical one is already its own text.
const CANONICAL_INT = /^(0|-?[1-9][0-9]*)$/
function canonicalInt(int: string): string {
  return CANONICAL_INT.test(int) ? int : String(BigInt(int || '0'))
}

/** Exactly three decimals (search map `customer.totalreceipts`). */
export function threeDecimals(decimal: string | number): string {
  const [int, frac = ''] = String(decimal).split('.')
  return `${BigInt(int || '0')}.${frac.padEnd(3, '0').slice(0, 3)}`
}

const unixSeconds = (d: Date) => String(Math.floor(d.getTime() / 1000))
const statusText = (c: Customer) => (c.status === 'suspended' ? 'Suspended' : 'Active')

/** The customer map of `details` / `details-by-id` (spec §5.1). */
export function customerMap(c: Customer, login: string | null, reseller: Reseller): RcMap {
  const m = baseMap(c, login, reseller, true)
  m.salespersonshash = {}
  m.isDominicanTaxConfiguredByParent = false
  return m
}

/** The auth map of `authenticate-token` (spec §5.2). */
export function authMap(c: Customer, login: string | null, reseller: Reseller): RcMap {
  const m = baseMap(c, login, reseller, false)
  const settings = readPartnerSettings(reseller.settings)
  const currency = settings['resellerclub.sellingCurrency']
  Object.assign(m, {
    salesrepresentative: settings['resellerclub.salesRepresentative'],
    sellingcurrencysymbol: currency, accountingcurrencysymbol: currency,
    fundthreshold: '0.0', minimumaddfundamount: '0.0', minimumbillingamount: '0.0', minreceiptrequire: '0.00',
    conversionrate: '1.0', usesystemconversionrate: 'true', iswebpro: 'false', isoldreseller: 'false',
    supportsautorenew: 'false', sendriskreportmail: 'true', switch_panel_enabled: 'false',
  })
  m.salespersonshash = {}
  m.isDominicanTaxConfiguredByParent = false
  return m
}

function baseMap(c: Customer, login: string | null, reseller: Reseller, twoFactorKeys: boolean): RcMap {
  const username = (login ?? c.email ?? '').toLowerCase()
  const m: RcMap = {
    customerid: String(c.id), username, useremail: username,
    resellerid: String(c.tenantId), parentid: String(reseller.parentId ?? reseller.id),
    name: c.name, company: c.company ?? '', telnocc: c.phoneCc ?? '', telno: c.phone ?? '',
  }
  pair(m, 'alttelnocc', c.altPhoneCc, 'alttelno', c.altPhone)
  pair(m, 'mobilenocc', c.mobileCc, 'mobileno', c.mobile)
  pair(m, 'faxnocc', c.faxCc, 'faxno', c.fax)
  m.address1 = c.address1 ?? ''
  if (c.address2) m.address2 = c.address2
  if (c.address3) m.address3 = c.address3
  m.city = c.city ?? ''
  m.state = c.state ?? ''
  m.zip = c.zipcode ?? ''
  m.other_state = c.otherState || c.state || ''
  m.country = (c.country ?? '').toUpperCase()
  if (c.vatId) m.vatid = c.vatId
  m.pin = c.pin == null ? '' : String(c.pin)
  m.creationdt = unixSeconds(c.createdAt)
  m.customerstatus = statusText(c)
  m.langpref = (c.langPref ?? '').toLowerCase()
  m.totalreceipts = javaDouble(c.totalReceipts)
  m.ispasswdexpired = 'false'
  if (twoFactorKeys) {
    m.twofactorauth_enabled = 'false'
    m.twofactorsmsauth_enabled = 'false'
    m.twofactorgoogleauth_enabled = 'false'
  }
  m.stateid = '0'
  m.salescontactid = '0'
  return m
}

function pair(m: RcMap, ccKey: string, cc: string | null, noKey: string, no: string | null): void {
  if (cc) m[ccKey] = cc
  if (no) m[noKey] = no
}

/** One record of the search map (spec §5.3), keys prefixed `customer.`. */
export function searchRecord(c: Customer, login: string | null): RcMap {
  return {
    'customer.customerid': String(c.id), 'customer.username': (login ?? c.email ?? '').toLowerCase(),
    'customer.resellerid': String(c.tenantId), 'customer.name': c.name, 'customer.company': c.company ?? '',
    'customer.city': c.city ?? '', 'customer.country': (c.country ?? '').toUpperCase(),
    'customer.telnocc': c.phoneCc ?? '', 'customer.telno': c.phone ?? '', 'customer.customerstatus': statusText(c),
    'customer.totalreceipts': threeDecimals(c.totalReceipts), 'customer.websitecount': '0',
  }
}
