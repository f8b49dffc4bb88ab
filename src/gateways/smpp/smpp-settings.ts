import type { Coding } from './text-coding.ts'
import {
  booleanSetting, choiceSetting, DELIVERY_SETTING_KEYS, deliverySettings, intSetting, settingsObject, stringSetting, type DeliverySettings,
} from '../settings-rules.ts'

/** An SMPP provider's settings (spec/gateways.md §2), every default filled in. */
export interface SmppSettings extends DeliverySettings {
  systemType: string
  bind: 'transceiver' | 'transmitter_receiver'
  sessions: number
  window: number
  enquireLinkMs: number
  reconnectMaxMs: number
  /** null: the account's phone, else the provider's dialstring. */
  sourceAddr: string | null
  /** null: by the source address (1/1 for digits, 5/0 for alphanumeric). */
  sourceTon: number | null
  sourceNpi: number | null
  destTon: number
  destNpi: number
  dataCoding: Coding | 'auto'
  longMessages: 'udh' | 'sar' | 'payload'
  registeredDelivery: number
  tls: boolean
}

const KEYS = new Set<string>([
  'system_type', 'bind', 'sessions', 'window', 'enquire_link_s', 'reconnect_max_s', 'source_addr', 'source_ton', 'source_npi', 'dest_ton', 'dest_npi',
  'data_coding', 'long_messages', 'registered_delivery', 'tls', ...DELIVERY_SETTING_KEYS,
])

/**
 * Parses and validates an SMPP provider's `settings` text (§2): unknown keys and values of the wrong
 * type or range are a SettingsError naming the key (the API answers 412 `settings`).
 */
export function parseSmppSettings(text: string | null | undefined): SmppSettings {
  const o = settingsObject(text, KEYS)
  const sourceTon = o.source_ton === undefined ? null : intSetting(o, 'source_ton', 0, 6, 0)
  const sourceNpi = o.source_npi === undefined ? null : intSetting(o, 'source_npi', 0, 18, 0)
  return {
    ...deliverySettings(o),
    // SMPP 3.4 field sizes: system_type 13, source_addr 21 octets with the terminating NUL.
    systemType: stringSetting(o, 'system_type', 12, ''),
    bind: choiceSetting(o, 'bind', ['transceiver', 'transmitter_receiver'], 'transceiver'),
    sessions: intSetting(o, 'sessions', 1, 64, 1),
    window: intSetting(o, 'window', 1, 1000, 10),
    enquireLinkMs: intSetting(o, 'enquire_link_s', 1, 3600, 30) * 1000,
    reconnectMaxMs: intSetting(o, 'reconnect_max_s', 1, 3600, 60) * 1000,
    sourceAddr: stringSetting(o, 'source_addr', 20, null),
    sourceTon, sourceNpi,
    destTon: intSetting(o, 'dest_ton', 0, 6, 1),
    destNpi: intSetting(o, 'dest_npi', 0, 18, 1),
    dataCoding: choiceSetting(o, 'data_coding', ['auto', 'gsm', 'latin1', 'ucs2'], 'auto'),
    longMessages: choiceSetting(o, 'long_messages', ['udh', 'sar', 'payload'], 'udh'),
    registeredDelivery: intSetting(o, 'registered_delivery', 0, 31, 1),
    tls: booleanSetting(o, 'tls', false),
  }
}
