import {
  booleanSetting, choiceSetting, deliverySettings, intSetting, settingsObject, stringSetting, type DeliverySettings,
} from '../settings-rules.ts'
import { SettingsError } from '../gateway.ts'

/** An `smtp` provider's settings (spec/gateways.md §4), every default filled in. */
export interface SmtpSettings extends DeliverySettings {
  /** `starttls` when the server offers it (default), `tls` implicit TLS, `none`. */
  secure: 'starttls' | 'tls' | 'none'
  /** null: the server's default (SMTP_FROM, else no-reply@<host name>). */
  from: string | null
  /** Pooled connections. */
  pool: number
  /** Verify the server's TLS certificate (default true; false for a self-signed relay). */
  tlsVerify: boolean
}

/** A `sendmail` provider's settings (§4). */
export interface SendmailSettings extends DeliverySettings {
  path: string
  from: string | null
}

const SMTP_KEYS = new Set(['secure', 'from', 'pool', 'tls_verify', 'tps', 'retry_max', 'retry_backoff_ms'])
const SENDMAIL_KEYS = new Set(['path', 'from', 'tps', 'retry_max', 'retry_backoff_ms'])

const fromSetting = (o: Record<string, unknown>): string | null => {
  const from = stringSetting(o, 'from', 254, null)
  if (from !== null && !/^[^\s@<>]+@[^\s@<>]+$/.test(from) && !/<[^\s@<>]+@[^\s@<>]+>\s*$/.test(from)) throw new SettingsError('from must be an email address')
  return from
}

export function parseSmtpSettings(text: string | null | undefined): SmtpSettings {
  const o = settingsObject(text, SMTP_KEYS)
  return {
    ...deliverySettings(o),
    secure: choiceSetting(o, 'secure', ['starttls', 'tls', 'none'], 'starttls'),
    from: fromSetting(o),
    pool: intSetting(o, 'pool', 1, 100, 5),
    tlsVerify: booleanSetting(o, 'tls_verify', true),
  }
}

export function parseSendmailSettings(text: string | null | undefined): SendmailSettings {
  const o = settingsObject(text, SENDMAIL_KEYS)
  const path = stringSetting(o, 'path', 255, '/usr/sbin/sendmail')
  if (!path.startsWith('/')) throw new SettingsError('path must be an absolute path')
  return { ...deliverySettings(o), path, from: fromSetting(o) }
}
