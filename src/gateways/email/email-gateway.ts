import { hostname } from 'node:os'
import nodemailer, { type Transporter } from 'nodemailer'
import type Mail from 'nodemailer/lib/mailer'
import {
  SettingsError, type AttemptReport, type Gateway, type GatewayLog, type GatewayProvider, type OutboundAttempt, type ProviderHealth,
} from '../gateway.ts'
import type { DeliverySettings } from '../settings-rules.ts'
import { parseSendmailSettings, parseSmtpSettings } from './email-settings.ts'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * The email gateway (spec/gateways.md §4) for `smtp` and `sendmail` providers: one pooled nodemailer
 * transport per provider (STARTTLS when the server offers it), the program's template rendered for
 * the contact and the account, HTML with its text alternative, the template's attachments. SMTP 2xx
 * accepted; 4xx temporary (retried with backoff inside the attempt, §1); 5xx permanent, the
 * server's reply line as the spool's `response`.
 */

export interface EmailGatewayOptions {
  log: GatewayLog
  /** SMTP_FROM: the sender when a provider sets none; default `no-reply@<host name>`. */
  defaultFrom?: string
}

interface Link { transport: Transporter; fingerprint: string; settings: DeliverySettings & { from: string | null } }

const RATE_WINDOW_MS = 5000

/** `[contact:first_name]`, `[account:email]`…: replaced by the attempt's values; unknown tokens stay as they are. */
export function renderTokens(text: string, tokens: Readonly<Record<string, string>> | undefined): string {
  if (!tokens) return text
  return text.replace(/\[(contact|account):([a-z0-9_]+)\]/g, (whole, scope: string, name: string) => tokens[`${scope}:${name}`] ?? whole)
}

/** The SMTP reply code of a nodemailer error, if the server answered. */
function replyCode(e: unknown): number | null {
  const code = (e as { responseCode?: unknown }).responseCode
  return typeof code === 'number' ? code : null
}

export class EmailGateway implements Gateway {
  readonly types = ['smtp', 'sendmail'] as const
  private readonly links = new Map<number, Link>()
  private readonly nextSlotAt = new Map<number, number>()
  private readonly stats = new Map<number, { sends: number; results: number; errors: number; recent: number[]; errorsAt: number[]; state: ProviderHealth['state']; since: Date; detail: string; inUse: number }>()
  private readonly defaultFrom: string

  constructor(private readonly options: EmailGatewayOptions) {
    this.defaultFrom = options.defaultFrom ?? `no-reply@${hostname()}`
  }

  async stop(): Promise<void> {
    for (const l of this.links.values()) l.transport.close()
    this.links.clear()
  }

  async configure(providers: readonly GatewayProvider[]): Promise<void> {
    const wanted = new Set(providers.map((p) => p.id))
    for (const [id, l] of this.links) {
      if (wanted.has(id)) continue
      l.transport.close()
      this.links.delete(id)
    }
  }

  health(providerId: number): ProviderHealth | undefined {
    const s = this.stats.get(providerId)
    if (!s) return undefined
    const now = Date.now()
    s.recent = s.recent.filter((t) => now - t < RATE_WINDOW_MS)
    s.errorsAt = s.errorsAt.filter((t) => now - t < 5 * 60_000)
    // A mail relay is asked anew at every send: it is never held `down` (its spools would wait for nothing).
    return {
      state: s.state, since: s.since, detail: s.detail, windowInUse: s.inUse, sentPerS: s.recent.length / (RATE_WINDOW_MS / 1000), errorsLast5m: s.errorsAt.length,
      totals: { sends: s.sends, results: s.results, errors: s.errors },
    }
  }

  async send(attempt: OutboundAttempt, report: AttemptReport): Promise<void> {
    let link: Link
    try {
      link = this.linkFor(attempt.provider)
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e
      return report({ kind: 'failed', cause: e.message, permanent: true })
    }
    const message = this.messageOf(attempt, link)
    const stats = this.statsOf(attempt.provider.id)
    const s = link.settings
    for (let tries = 0; ; tries++) {
      await this.pace(attempt.provider.id, s.tps)
      stats.sends++
      stats.recent.push(Date.now())
      stats.inUse++
      try {
        const info = await link.transport.sendMail(message) as { messageId?: string; response?: string }
        stats.results++
        stats.detail = info.response ?? 'accepted'
        // The server's final reply line is the spool's response (§4). Reported together, the
        // acceptance and the completion are recorded in one write.
        const accepted = report({ kind: 'accepted', ...(info.messageId ? { peerIds: [info.messageId] } : {}), ...(info.response ? { response: info.response } : {}) })
        await Promise.all([accepted, report({ kind: 'delivered' })])
        return
      } catch (e) {
        stats.errors++
        stats.errorsAt.push(Date.now())
        const code = replyCode(e)
        const reason = ((e as { response?: string }).response ?? (e as Error).message ?? 'smtp error').split('\n')[0]!.slice(0, 500)
        stats.detail = reason
        // 5xx, or a message nodemailer cannot build (no code, not a connection error): permanent.
        const permanent = code !== null ? code >= 500 : !isConnectionError(e)
        if (permanent || tries >= s.retryMax) {
          stats.results++
          return report({ kind: 'failed', cause: reason, permanent })
        }
        await sleep(s.retryBackoffMs * 2 ** tries)
      } finally {
        stats.inUse--
      }
    }
  }

  private messageOf(attempt: OutboundAttempt, link: Link): Mail.Options {
    const c = attempt.content
    const tokens = c.tokens
    const body = renderTokens(c.body ?? c.text ?? '', tokens)
    const alt = c.bodyAlt ? renderTokens(c.bodyAlt, tokens) : null
    return {
      from: link.settings.from ?? this.defaultFrom,
      to: attempt.destination,
      subject: renderTokens(c.subject ?? '', tokens),
      // A template's body is HTML, with its text alternative when it has body_alt (§4); other
      // content (system notifications) is plain text.
      ...(c.ref.startsWith('template:') ? { html: body, ...(alt !== null ? { text: alt } : {}) } : { text: body }),
      attachments: (c.files ?? []).map((f) => ({ path: f.path, contentType: f.mime })),
    }
  }

  /** The provider's transport, made (or remade, when the provider changed) as needed. */
  private linkFor(p: GatewayProvider): Link {
    const fingerprint = JSON.stringify([p.type, p.host, p.port, p.username, p.password, p.settings])
    const current = this.links.get(p.id)
    if (current && current.fingerprint === fingerprint) return current
    let link: Link
    if (p.type === 'sendmail') {
      const s = parseSendmailSettings(p.settings)
      link = { transport: nodemailer.createTransport({ sendmail: true, path: s.path, newline: 'unix' }), fingerprint, settings: s }
    } else {
      const s = parseSmtpSettings(p.settings)
      link = {
        transport: nodemailer.createTransport({
          pool: true, maxConnections: s.pool, maxMessages: Infinity, host: p.host ?? '127.0.0.1', port: p.port ?? 25,
          secure: s.secure === 'tls', ignoreTLS: s.secure === 'none', tls: { rejectUnauthorized: s.tlsVerify },
          ...(p.username ? { auth: { user: p.username, pass: p.password ?? '' } } : {}),
        }),
        fingerprint, settings: s,
      }
    }
    current?.transport.close()
    this.links.set(p.id, link)
    return link
  }

  private async pace(providerId: number, tps: number): Promise<void> {
    if (tps <= 0) return
    const now = Date.now()
    const slot = Math.max(now, this.nextSlotAt.get(providerId) ?? 0)
    this.nextSlotAt.set(providerId, slot + 1000 / tps)
    if (slot > now) await sleep(slot - now)
  }

  private statsOf(providerId: number) {
    let s = this.stats.get(providerId)
    if (!s) {
      s = { sends: 0, results: 0, errors: 0, recent: [], errorsAt: [], state: 'up' as const, since: new Date(), detail: 'no message yet', inUse: 0 }
      this.stats.set(providerId, s)
    }
    return s
  }
}

function isConnectionError(e: unknown): boolean {
  const code = (e as { code?: string }).code
  return code === 'ECONNECTION' || code === 'ETIMEDOUT' || code === 'ESOCKET' || code === 'EDNS' || code === 'ECONNREFUSED' || code === 'ECONNRESET'
}
