import { SettingsError } from './gateway.ts'

/**
 * Rules for reading a provider's `settings` (spec/gateways.md: a JSON object in a string; unknown keys
 * → 412 `settings`, a value of the wrong type or range → 412 naming the key), shared by the gateways,
 * plus the settings every gateway takes (§1: `tps`, `complete_on`, `dlr_timeout_s`, `retry_max`,
 * `retry_backoff_ms`).
 */

export type SettingsObject = Record<string, unknown>

const isObject = (v: unknown): v is SettingsObject => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses the settings text into an object whose keys are all in `known` (empty text: `{}`). */
export function settingsObject(text: string | null | undefined, known: ReadonlySet<string>): SettingsObject {
  if (text === null || text === undefined || text.trim() === '') return {}
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    throw new SettingsError('is not JSON')
  }
  if (!isObject(v)) throw new SettingsError('must be a JSON object')
  for (const key of Object.keys(v)) if (!known.has(key)) throw new SettingsError(`${key} is not a known setting`)
  return v
}

/** An integer setting in [min, max], else its default. */
export function intSetting(o: SettingsObject, key: string, min: number, max: number, fallback: number): number {
  const v = o[key]
  if (v === undefined) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new SettingsError(`${key} must be an integer ${min}-${max}`)
  return v
}

/** A number setting in [min, max], else its default. */
export function numberSetting(o: SettingsObject, key: string, min: number, max: number, fallback: number): number {
  const v = o[key]
  if (v === undefined) return fallback
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new SettingsError(`${key} must be a number ${min}-${max}`)
  return v
}

/** A string setting of at most `maxLength` characters, else its default. */
export function stringSetting<T extends string | null>(o: SettingsObject, key: string, maxLength: number, fallback: T): string | T {
  const v = o[key]
  if (v === undefined) return fallback
  if (typeof v !== 'string' || v.length > maxLength) throw new SettingsError(`${key} must be a string of at most ${maxLength} characters`)
  return v
}

/** One of `choices`, else its default. */
export function choiceSetting<T extends string>(o: SettingsObject, key: string, choices: readonly T[], fallback: T): T {
  const v = o[key]
  if (v === undefined) return fallback
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) throw new SettingsError(`${key} must be ${choices.join(', ')}`)
  return v as T
}

export function booleanSetting(o: SettingsObject, key: string, fallback: boolean): boolean {
  const v = o[key]
  if (v === undefined) return fallback
  if (typeof v !== 'boolean') throw new SettingsError(`${key} must be true or false`)
  return v
}

/** The settings of §1 every real gateway takes. */
export interface DeliverySettings {
  /** Messages per second per provider and process; 0 = no cap. */
  tps: number
  completeOn: 'accept' | 'delivery'
  dlrTimeoutMs: number
  retryMax: number
  retryBackoffMs: number
}

export const DELIVERY_SETTING_KEYS = ['tps', 'complete_on', 'dlr_timeout_s', 'retry_max', 'retry_backoff_ms'] as const

/** Reads the §1 settings with their defaults (tps 0, complete_on accept, dlr_timeout_s 172800, retry_max 3, retry_backoff_ms 1000). */
export function deliverySettings(o: SettingsObject): DeliverySettings {
  return {
    tps: numberSetting(o, 'tps', 0, 1_000_000, 0),
    completeOn: choiceSetting(o, 'complete_on', ['accept', 'delivery'], 'accept'),
    dlrTimeoutMs: intSetting(o, 'dlr_timeout_s', 1, 30 * 86_400, 172_800) * 1000,
    retryMax: intSetting(o, 'retry_max', 0, 100, 3),
    retryBackoffMs: intSetting(o, 'retry_backoff_ms', 0, 3_600_000, 1000),
  }
}
