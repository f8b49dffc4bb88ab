import type { AttemptProvider } from './outbound-attempts.ts'

/**
 * The provider id a spool carries when it goes through the server's default mail transport
 * (spec/gateways.md §4 `SMTP_URL`): no provider row has it (ids start at 1; 0 is the built-in sandbox).
 */
export const DEFAULT_MAIL_TRANSPORT_ID = -1

/**
 * The server's default mail transport (`SMTP_URL`, e.g. `smtp://user:pass@host:587`) as an `smtp`
 * provider: `smtps://` is implicit TLS (`secure` `tls`, port 465), `smtp://` STARTTLS when offered
 * (port 25, §4's default); query parameters are the provider settings of §4 (`?from=…&pool=2&tls_verify=false`).
 * Null when unset; an address that is not an smtp(s) URL throws (at start, not at the first send).
 */
export function mailTransportOf(url: string | undefined): AttemptProvider | null {
  if (!url) return null
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new Error('SMTP_URL is not a URL (smtp://user:pass@host:port)')
  }
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error('SMTP_URL must start with smtp:// or smtps://')
  if (!u.hostname) throw new Error('SMTP_URL names no host')
  const settings: Record<string, string | number | boolean> = u.protocol === 'smtps:' ? { secure: 'tls' } : {}
  for (const [k, v] of u.searchParams) settings[k] = v === 'true' ? true : v === 'false' ? false : /^[0-9]+$/.test(v) ? Number(v) : v
  return {
    id: DEFAULT_MAIL_TRANSPORT_ID, type: 'smtp', host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 25,
    username: u.username ? decodeURIComponent(u.username) : null, password: u.password ? decodeURIComponent(u.password) : null,
    prefix: null, dialstring: null, tenantId: null, settings: Object.keys(settings).length > 0 ? JSON.stringify(settings) : null,
  }
}
