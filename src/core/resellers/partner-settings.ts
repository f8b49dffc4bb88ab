import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { isPlainText } from '../customers/customer-rules.ts'
import { Invalid, NotFound } from '../errors.ts'
import { findNumberType, findRegion } from '../numbers/catalogue.ts'
import { requireResellerAdmin } from '../platform/platform.ts'
import { BUILTIN_REPLY, checkReplySetting, REPLY_SETTINGS, replyClash, type ReplyConfig, type ReplySetting } from './reply-defaults.ts'
import { resellers } from './resellers.table.ts'

// Partner settings (issue 15 point 3, issue 17 point 1): every preference a partner (reseller) has,
// typed and validated in one place, stored in `resellers.settings` (jsonb). Dialects read them
// through `readPartnerSettings`; the native API and the CLI change them through
// `updatePartnerSettings`. Names are `<area>.<setting>`, the names the specs give them. Keys stored
// before this module keep their place (`sellingCurrency`, `salesRepresentative`, `packeteraReply`,
// `delaconCallbackUrl`), so existing databases need no migration (docs/decisions/platform.md).

/** Every readable partner setting with its type. */
export interface PartnerSettings {
  /** spec/resellerclub.md §3: how long a customer login token stays redeemable (default 120 s). */
  'resellerclub.tokenTtlSeconds': number
  /** spec/resellerclub.md §3, §5.2: ISO 4217 code shown as selling/accounting currency (default USD). */
  'resellerclub.sellingCurrency': string
  /** spec/resellerclub.md §3: sales representative text (default empty). */
  'resellerclub.salesRepresentative': string
  /** spec/packetera.md §2.2: the partner's reply defaults (request fields win over them). */
  'packetera.responseFormat': ReplyConfig['format']
  'packetera.responseDelimiter': string
  'packetera.responseSeparator': string
  'packetera.responseEncapsulator': string
  /** spec/delacon.md §4, §9: post-provisioning URL (http/https, no credentials); null = no callback. */
  'delacon.callbackUrl': string | null
  /**
   * spec/delacon.md §4: back-order per pool for this partner's orders, `<region code>/<number type>`
   * (`en-au/1300`) → flag; a pool not listed follows the pool's own flag (default true).
   */
  'delacon.backorder': Record<string, boolean>
  /** spec/delacon.md §5: a WAIT order still unfilled after this many hours fails (default 168). */
  'delacon.pendingOrderTimeoutHours': number
  /** spec/delacon.md §9: delays before the 2nd and 3rd callback attempt (default [60, 300]). */
  'delacon.callbackRetryDelaysSeconds': number[]
}
export type PartnerSettingName = keyof PartnerSettings

/** Write-only settings: set (or generated) once, shown once, never read back. */
export const SECRET_SETTINGS = ['delacon.callbackSecret'] as const
export type SecretSettingName = (typeof SECRET_SETTINGS)[number]

/** The storage key of a partner's Packetera reply defaults (an object of ReplyConfig fields). */
export const PACKETERA_REPLY_KEY = 'packeteraReply'
/** Where each setting lives in `resellers.settings` (Packetera's four share one object). */
const STORED: Record<Exclude<PartnerSettingName, `packetera.${string}`>, string> & Record<SecretSettingName, string> = {
  'resellerclub.tokenTtlSeconds': 'resellerclub.tokenTtlSeconds',
  'resellerclub.sellingCurrency': 'sellingCurrency',
  'resellerclub.salesRepresentative': 'salesRepresentative',
  'delacon.callbackUrl': 'delaconCallbackUrl',
  'delacon.backorder': 'delacon.backorder',
  'delacon.pendingOrderTimeoutHours': 'delacon.pendingOrderTimeoutHours',
  'delacon.callbackRetryDelaysSeconds': 'delacon.callbackRetryDelaysSeconds',
  /** Encrypted with the keyring (AES-256-GCM): the server needs the secret itself to sign. */
  'delacon.callbackSecret': 'delacon.callbackSecretEnc',
}
const PACKETERA: Record<`packetera.${string}` & PartnerSettingName, ReplySetting> = {
  'packetera.responseFormat': 'format', 'packetera.responseDelimiter': 'delimiter',
  'packetera.responseSeparator': 'separator', 'packetera.responseEncapsulator': 'encapsulator',
}

/** Defaults of every setting (a deployment may override some: `readPartnerSettings`). */
export const PARTNER_DEFAULTS: Readonly<PartnerSettings> = Object.freeze({
  'resellerclub.tokenTtlSeconds': 120,
  'resellerclub.sellingCurrency': 'USD',
  'resellerclub.salesRepresentative': '',
  'packetera.responseFormat': BUILTIN_REPLY.format,
  'packetera.responseDelimiter': BUILTIN_REPLY.delimiter,
  'packetera.responseSeparator': BUILTIN_REPLY.separator,
  'packetera.responseEncapsulator': BUILTIN_REPLY.encapsulator,
  'delacon.callbackUrl': null,
  'delacon.backorder': {},
  'delacon.pendingOrderTimeoutHours': 168,
  'delacon.callbackRetryDelaysSeconds': [60, 300],
})

/** Every setting name, readable ones in table order then the secret ones. */
export const PARTNER_SETTING_NAMES: readonly string[] = [...Object.keys(PARTNER_DEFAULTS), ...SECRET_SETTINGS]

export const MAX_TOKEN_TTL_SECONDS = 86_400
export const MAX_PENDING_ORDER_TIMEOUT_HOURS = 8760
export const MAX_CALLBACK_RETRY_DELAY_SECONDS = 86_400

type Stored = Record<string, unknown> | null | undefined

/**
 * A partner's settings from its stored `resellers.settings`, every one present: a stored value that
 * no longer passes its rule is ignored (the default applies). `defaults` overrides the built-in
 * defaults (a deployment's RESELLERCLUB_TOKEN_TTL_SECONDS).
 */
export function readPartnerSettings(stored: Stored, defaults: Partial<PartnerSettings> = {}): PartnerSettings {
  const out = { ...PARTNER_DEFAULTS, ...defaults } as PartnerSettings
  const s = stored ?? {}
  for (const name of Object.keys(STORED) as (keyof typeof STORED)[]) {
    if (name === 'delacon.callbackSecret') continue
    const v = s[STORED[name]]
    if (v === undefined || v === null) continue
    try {
      ;(out as unknown as Record<string, unknown>)[name] = checkValue(name, v)
    } catch {
      // A value stored by an older rule: the default applies.
    }
  }
  const reply = storedReplyDefaults(s)
  for (const [name, setting] of Object.entries(PACKETERA)) if (reply[setting] !== undefined) (out as unknown as Record<string, string>)[name] = reply[setting]
  return out
}

/** A partner's stored Packetera reply defaults, each checked on its own (invalid ones are ignored). */
export function storedReplyDefaults(stored: Stored): Partial<ReplyConfig> {
  const v = stored?.[PACKETERA_REPLY_KEY]
  if (!v || typeof v !== 'object') return {}
  const out: Partial<ReplyConfig> = {}
  for (const setting of REPLY_SETTINGS) {
    const ok = checkReplySetting(setting, (v as Record<string, unknown>)[setting])
    if (ok !== undefined) (out as Record<ReplySetting, string>)[setting] = ok
  }
  return out
}

/** The partner's callback signing secret, decrypted; null when none is set. Core-internal (never shown). */
export function partnerSecret(core: Core, stored: Stored, name: SecretSettingName): string | null {
  const v = stored?.[STORED[name]]
  return typeof v === 'string' ? core.keyring.decrypt(v) : null
}

/** The pool key of a partner's back-order map: `<region code>/<number type>` (`en-au/1300`), from any §7 region form. */
export function backorderPoolKey(key: string): string {
  const slash = key.lastIndexOf('/')
  const region = slash > 0 ? findRegion(key.slice(0, slash)) : null
  if (!region) throw new Invalid('delacon.backorder', `${JSON.stringify(key)} is not a pool: use <region>/<number type>, e.g. en-au/1300`)
  const type = findNumberType(region, key.slice(slash + 1))
  if (!type) throw new Invalid('delacon.backorder', `${JSON.stringify(key)}: number type must be one of ${region.numberTypes.map((t) => t.key).join(', ')}`)
  return `${region.code}/${type.key}`
}

/** The partner's back-order flag for a pool, if it set one (else the pool's own flag applies). */
export function partnerBackorder(stored: Stored, region: { code: string }, numberType: string): boolean | undefined {
  return readPartnerSettings(stored)['delacon.backorder'][`${region.code}/${numberType}`]
}

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
}

/** The checked (canonical) value of a readable setting, or Invalid naming it. */
function checkValue(name: Exclude<PartnerSettingName, `packetera.${string}`>, v: unknown): unknown {
  switch (name) {
    case 'resellerclub.tokenTtlSeconds':
      if (!isInt(v, 1, MAX_TOKEN_TTL_SECONDS)) throw new Invalid(name, `must be an integer from 1 to ${MAX_TOKEN_TTL_SECONDS}`)
      return v
    case 'resellerclub.sellingCurrency':
      if (typeof v !== 'string' || !/^[A-Za-z]{3}$/.test(v)) throw new Invalid(name, 'must be a 3-letter ISO 4217 currency code (USD, EUR, INR)')
      return v.toUpperCase()
    case 'resellerclub.salesRepresentative':
      if (typeof v !== 'string' || (v !== '' && !isPlainText(v, 100))) throw new Invalid(name, 'must be text of at most 100 characters without control characters')
      return v
    case 'delacon.callbackUrl':
      return checkCallbackUrl(v)
    case 'delacon.backorder': {
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Invalid(name, 'must be an object of <region>/<number type> → true or false')
      const out: Record<string, boolean> = {}
      for (const [k, flag] of Object.entries(v)) {
        if (typeof flag !== 'boolean') throw new Invalid(name, `${JSON.stringify(k)} must be true or false`)
        out[backorderPoolKey(k)] = flag
      }
      return out
    }
    case 'delacon.pendingOrderTimeoutHours':
      // Fractions allowed (0.5 = 30 minutes); at least one second.
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 / 3600 || v > MAX_PENDING_ORDER_TIMEOUT_HOURS) {
        throw new Invalid(name, `must be a number of hours from 0.0003 (one second) to ${MAX_PENDING_ORDER_TIMEOUT_HOURS}`)
      }
      return v
    case 'delacon.callbackRetryDelaysSeconds':
      if (!Array.isArray(v) || v.length !== 2 || !v.every((d) => isInt(d, 0, MAX_CALLBACK_RETRY_DELAY_SECONDS))) {
        throw new Invalid(name, `must be two whole numbers of seconds from 0 to ${MAX_CALLBACK_RETRY_DELAY_SECONDS} (before the 2nd and the 3rd attempt)`)
      }
      return [...v]
  }
}

/** spec/delacon.md §4: an http or https URL with a host, without user name or password, at most 2000 characters. */
function checkCallbackUrl(v: unknown): string {
  const name = 'delacon.callbackUrl'
  if (typeof v !== 'string' || v.length > 2000) throw new Invalid(name, 'must be an http or https URL of at most 2000 characters')
  let u: URL
  try {
    u = new URL(v)
  } catch {
    throw new Invalid(name, 'must be an http or https URL')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Invalid(name, 'must be an http or https URL')
  if (!u.hostname) throw new Invalid(name, 'must name a host')
  if (u.username || u.password) throw new Invalid(name, 'must not contain a user name or password')
  return u.href
}

/** What the native API and the CLI show of a partner's settings: values, never a secret. */
export interface PartnerSettingsView {
  resellerId: number
  settings: PartnerSettings
  /** Whether each write-only secret is set. */
  secrets: Record<SecretSettingName, boolean>
}

/** A change: setting name → new value; `null` restores the default (a secret: removes it). */
export type PartnerSettingsPatch = Record<string, unknown>

function viewOf(resellerId: number, stored: Stored): PartnerSettingsView {
  return {
    resellerId, settings: readPartnerSettings(stored),
    secrets: Object.fromEntries(SECRET_SETTINGS.map((n) => [n, typeof stored?.[STORED[n]] === 'string'])) as Record<SecretSettingName, boolean>,
  }
}

/** The reseller's stored settings: platform admins any; a reseller's administrator its own (another looks unknown). */
async function storedSettingsOf(core: Core, actor: Actor, resellerId: number): Promise<Record<string, unknown>> {
  if (!actor.crossTenant && actor.tenantId !== resellerId) throw new NotFound('Reseller', resellerId)
  requireResellerAdmin(actor, resellerId)
  const [r] = await core.db.select({ settings: resellers.settings }).from(resellers).where(eq(resellers.id, resellerId))
  if (!r) throw new NotFound('Reseller', resellerId)
  return r.settings
}

/** A partner's settings as shown (secrets only as set / not set). */
export async function getPartnerSettings(core: Core, actor: Actor, resellerId: number): Promise<PartnerSettingsView> {
  return viewOf(resellerId, await storedSettingsOf(core, actor, resellerId))
}

/**
 * Changes some of a partner's settings: every name must be a setting and every value pass its rule
 * (else nothing changes, Invalid naming the setting). A secret given as `true` is generated; a
 * secret set or generated is returned once in `shownOnce` and never again.
 */
export async function updatePartnerSettings(core: Core, actor: Actor, resellerId: number, patch: PartnerSettingsPatch):
  Promise<PartnerSettingsView & { shownOnce?: Partial<Record<SecretSettingName, string>> }> {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw new Invalid('settings', 'must be an object of setting name → value')
  await storedSettingsOf(core, actor, resellerId)
  for (const name of Object.keys(patch)) {
    if (!PARTNER_SETTING_NAMES.includes(name)) throw new Invalid(name, `is not a partner setting (one of ${PARTNER_SETTING_NAMES.join(', ')})`)
  }
  return core.db.transaction(async (tx) => {
    const [row] = await tx.select({ settings: resellers.settings }).from(resellers).where(eq(resellers.id, resellerId)).for('update')
    if (!row) throw new NotFound('Reseller', resellerId)
    const next: Record<string, unknown> = { ...row.settings }
    const shownOnce: Partial<Record<SecretSettingName, string>> = {}
    let reply: Partial<ReplyConfig> = storedReplyDefaults(next)
    const replyGiven: Partial<ReplyConfig> = {}
    let replyTouched = false
    for (const [name, value] of Object.entries(patch)) {
      if (name in PACKETERA) {
        const setting = PACKETERA[name as keyof typeof PACKETERA]
        replyTouched = true
        if (value === null) {
          delete reply[setting]
          continue
        }
        const ok = checkReplySetting(setting, value)
        if (ok === undefined) throw new Invalid(name, replyRule(setting))
        reply = { ...reply, [setting]: ok }
        ;(replyGiven as Record<ReplySetting, string>)[setting] = ok
      } else if (name === 'delacon.callbackSecret') {
        if (value === null) delete next[STORED[name]]
        else {
          const secret = value === true ? randomBytes(32).toString('base64url') : checkSecret(name, value)
          next[STORED[name]] = core.keyring.encrypt(secret)
          shownOnce[name] = secret
        }
      } else {
        const key = STORED[name as keyof typeof STORED]
        if (value === null) delete next[key]
        else if (name === 'delacon.backorder') {
          // Merged pool by pool: a pool given null follows the pool's own flag again.
          if (!value || typeof value !== 'object' || Array.isArray(value)) checkValue(name, value)
          const merged = { ...readPartnerSettings(next)['delacon.backorder'] }
          const set: Record<string, boolean> = {}
          for (const [pool, flag] of Object.entries(value as Record<string, unknown>)) {
            if (flag === null) delete merged[backorderPoolKey(pool)]
            else set[pool] = flag as boolean
          }
          Object.assign(merged, checkValue(name, set) as Record<string, boolean>)
          if (Object.keys(merged).length) next[key] = merged
          else delete next[key]
        } else next[key] = checkValue(name as Exclude<PartnerSettingName, `packetera.${string}`>, value)
      }
    }
    if (replyTouched) {
      const bad = replyClash({ ...BUILTIN_REPLY, ...reply }, replyGiven)
      if (bad) throw new Invalid(`packetera.response${bad[0]!.toUpperCase()}${bad.slice(1)}`, 'clashes with the other reply settings (delimiter and separator must differ and not contain the encapsulator)')
      if (Object.keys(reply).length) next[PACKETERA_REPLY_KEY] = reply
      else delete next[PACKETERA_REPLY_KEY]
    }
    await tx.update(resellers).set({ settings: next }).where(eq(resellers.id, resellerId))
    core.credentials.drop(`reseller:${resellerId}`)
    const view = viewOf(resellerId, next)
    return Object.keys(shownOnce).length ? { ...view, shownOnce } : view
  })
}

function replyRule(setting: ReplySetting): string {
  switch (setting) {
    case 'format': return 'must be namevalue, json or xml'
    case 'encapsulator': return 'must be one character, not a letter, digit or %'
    default: return 'must be 1 to 5 characters, no letters, digits or %'
  }
}

/** A secret given by the operator: 16 to 200 printable ASCII characters. */
function checkSecret(name: string, v: unknown): string {
  if (typeof v !== 'string' || !/^[\x21-\x7e]{16,200}$/.test(v)) throw new Invalid(name, 'must be 16 to 200 printable ASCII characters without spaces, or true to generate one')
  return v
}
