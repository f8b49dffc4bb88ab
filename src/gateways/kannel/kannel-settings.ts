import { SettingsError } from '../gateway.ts'
import { choiceSetting, DELIVERY_SETTING_KEYS, deliverySettings, intSetting, settingsObject, stringSetting, type DeliverySettings } from '../settings-rules.ts'

/** A Kannel provider's settings (spec/gateways.md §3), every default filled in. */
export interface KannelSettings extends DeliverySettings {
  /** The sendsms path (`/cgi-bin/sendsms`). */
  path: string
  /** Kannel's `smsc` routing parameter, or null (none). */
  smsc: string | null
  /** null: the account's phone, else the provider's dialstring. */
  from: string | null
  coding: 'auto' | 'gsm' | 'ucs2'
  dlrMask: number
}

/** Kannel's sendsms port: a Kannel provider's `port` when none is given (§3). */
export const KANNEL_SENDSMS_PORT = 13013

const KEYS = new Set<string>(['path', 'smsc', 'from', 'coding', 'dlr_mask', ...DELIVERY_SETTING_KEYS])

/** Parses a Kannel provider's `settings` (§3): unknown keys and bad values are a SettingsError naming the key. */
export function parseKannelSettings(text: string | null | undefined): KannelSettings {
  const o = settingsObject(text, KEYS)
  const path = stringSetting(o, 'path', 200, '/cgi-bin/sendsms')
  if (!path.startsWith('/')) throw new SettingsError('path must start with /')
  return {
    ...deliverySettings(o),
    path,
    smsc: stringSetting(o, 'smsc', 64, null),
    from: stringSetting(o, 'from', 20, null),
    coding: choiceSetting(o, 'coding', ['auto', 'gsm', 'ucs2'], 'auto'),
    dlrMask: intSetting(o, 'dlr_mask', 0, 31, 31),
  }
}
