import { SettingsError } from '../gateway.ts'
import { booleanSetting, choiceSetting, deliverySettings, settingsObject, stringSetting, type DeliverySettings } from '../settings-rules.ts'

/** An HTTP fax provider's settings (spec/gateways.md §5), every default filled in. */
export interface FaxSettings extends DeliverySettings {
  /** null: `https://<host>:<port>/v2`. */
  apiBase: string | null
  connectionId: string | null
  from: string | null
  /** `url`: the provider fetches a one-time media URL; `upload`: the TIFF is stored with the provider's Media Storage API first. */
  media: 'url' | 'upload'
  webhookSecret: string | null
  quality: 'high' | 'normal'
}

/** An HTTP fax provider's `port` when none is given (§5): its API is HTTPS. */
export const FAX_API_PORT = 443

const KEYS = new Set(['fax', 'api_base', 'connection_id', 'from', 'media', 'webhook_secret', 'quality', 'tps', 'dlr_timeout_s', 'retry_max', 'retry_backoff_ms'])

/** Whether an `http` provider's settings say it is a fax provider (`fax: true`); unreadable settings are not. */
export function isFaxProvider(text: string | null | undefined): boolean {
  if (!text || !text.includes('"fax"')) return false
  try {
    const v = JSON.parse(text) as unknown
    return typeof v === 'object' && v !== null && (v as { fax?: unknown }).fax === true
  } catch {
    return false
  }
}

export function parseFaxSettings(text: string | null | undefined): FaxSettings {
  const o = settingsObject(text, KEYS)
  if (!booleanSetting(o, 'fax', false)) throw new SettingsError('fax must be true')
  const apiBase = stringSetting(o, 'api_base', 500, null)
  if (apiBase !== null && !/^https?:\/\/[^\s/]+/.test(apiBase)) throw new SettingsError('api_base must be an http(s) URL')
  return {
    ...deliverySettings(o),
    apiBase: apiBase?.replace(/\/+$/, '') ?? null,
    connectionId: stringSetting(o, 'connection_id', 200, null),
    from: stringSetting(o, 'from', 32, null),
    media: choiceSetting(o, 'media', ['url', 'upload'], 'url'),
    webhookSecret: stringSetting(o, 'webhook_secret', 500, null),
    quality: choiceSetting(o, 'quality', ['high', 'normal'], 'high'),
  }
}
