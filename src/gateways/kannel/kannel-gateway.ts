import { Agent, request } from 'node:http'
import {
  SettingsError, type AttemptEvent, type AttemptReport, type Gateway, type GatewayLog, type GatewayProvider, type OutboundAttempt, type PeerReply,
  type PeerRequest, type PeerRequestContext, type ProviderHealth,
} from '../gateway.ts'
import { hmacHex, signatureMatches } from '../signatures.ts'
import { fitsGsm } from '../smpp/text-coding.ts'
import { KANNEL_SENDSMS_PORT, parseKannelSettings, type KannelSettings } from './kannel-settings.ts'
import { setTimeout as sleep } from 'node:timers/promises'
import { PeerFailure } from '../peer-failure.ts'

/**
 * The Kannel gateway (spec/gateways.md §3): sends through a Kannel smsbox's `sendsms` HTTP
 * interface with a signed `dlr-url`, and handles what Kannel calls back with: delivery reports
 * (`kannel/dlr`) and mobile-originated messages (`kannel/mo`, from an `sms-service` whose get-url
 * `peerConfiguration` prints). Kannel gives no message id: the correlation is the spool id the
 * dlr-url carries, recorded as the message id `spool:<id>` (so an accepted spool is never sent again).
 */

export interface KannelGatewayOptions {
  log: GatewayLog
  /** The base URL Kannel reaches Switchboard at (PUBLIC_BASE_URL). */
  publicBaseUrl: string
  /** The key of the callback signatures (derived from the server's secret key). */
  callbackKey: Buffer
  /** How long one sendsms request may take (default 30 s). */
  requestTimeoutMs?: number
}

/** An attempt whose delivery report may still come: its report function and what is known. */
interface Pending {
  report: AttemptReport
  settings: KannelSettings
  /** Accepted by Kannel (reports that come before are kept in `early`). */
  accepted: boolean
  early: number[]
  timer: NodeJS.Timeout | null
}

/** A provider's counters and state (health). */
interface Stats {
  sends: number
  results: number
  errors: number
  recent: number[]
  errorsAt: number[]
  state: ProviderHealth['state']
  since: Date
  detail: string
  inUse: number
  /** Where a probe asks whether Kannel answers again (while `down`), and when it last did. */
  probeUrl: string
  probedAt: number
}

/** While a provider is down, Kannel is asked this often whether it answers again (its spools wait meanwhile). */
const PROBE_EVERY_MS = 2000

/** DLR `type` → delivery report (§3); 4 (queued on the SMSC) and 8 (SMSC accepted) are ignored. */
const DLR_STATES: Readonly<Record<number, string>> = { 1: 'delivered', 2: 'undeliverable', 16: 'rejected' }
/** Attempts with complete_on accept keep their report function this long for their DLR (later ones are found by message id). */
const ACCEPT_KEEP_MS = 10 * 60_000
/** Spools whose final report was applied, remembered so a repeat changes nothing. */
const FINISHED_KEEP = 100_000
const RATE_WINDOW_MS = 5000


export class KannelGateway implements Gateway {
  readonly types = ['http'] as const
  private readonly pending = new Map<number, Pending>()
  private readonly finished = new Set<number>()
  private readonly nextSlotAt = new Map<number, number>()
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 })
  private readonly stats = new Map<number, Stats>()
  private readonly timeoutMs: number

  constructor(private readonly options: KannelGatewayOptions) {
    this.timeoutMs = options.requestTimeoutMs ?? 30_000
  }

  async stop(): Promise<void> {
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer)
    this.pending.clear()
    this.agent.destroy()
  }

  reportTimeoutMs(provider: GatewayProvider): number | null {
    try {
      const s = parseKannelSettings(provider.settings)
      return s.completeOn === 'delivery' ? s.dlrTimeoutMs : null
    } catch (e) {
      if (e instanceof SettingsError) return null
      throw e
    }
  }

  health(providerId: number): ProviderHealth | undefined {
    const s = this.stats.get(providerId)
    if (!s) return undefined
    const now = Date.now()
    if (s.state === 'down' && now - s.probedAt >= PROBE_EVERY_MS) {
      s.probedAt = now
      // Any HTTP answer (Kannel's 4xx to a bare request included) means smsbox is there again.
      this.get(s.probeUrl).then(() => this.mark(s, 'up', 'kannel answers'), (e: unknown) => {
        if (e instanceof PeerFailure && e.permanent) this.mark(s, 'up', 'kannel answers')
      })
    }
    s.recent = s.recent.filter((t) => now - t < RATE_WINDOW_MS)
    s.errorsAt = s.errorsAt.filter((t) => now - t < 5 * 60_000)
    return {
      state: s.state, since: s.since, detail: s.detail, windowInUse: s.inUse, sentPerS: s.recent.length / (RATE_WINDOW_MS / 1000), errorsLast5m: s.errorsAt.length,
      totals: { sends: s.sends, results: s.results, errors: s.errors },
    }
  }

  async send(attempt: OutboundAttempt, report: AttemptReport): Promise<void> {
    let settings: KannelSettings
    try {
      settings = parseKannelSettings(attempt.provider.settings)
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e
      return report({ kind: 'failed', cause: e.message, permanent: true })
    }
    // Known before the request: a delivery report may come before Kannel's answer (§1).
    const entry: Pending = { report, settings, accepted: false, early: [], timer: null }
    this.pending.set(attempt.spoolId, entry)
    this.finished.delete(attempt.spoolId)
    const url = this.sendsmsUrl(attempt, settings)
    const stats = this.statsOf(attempt.provider.id)
    stats.probeUrl = url.slice(0, url.indexOf('?'))
    let failure: PeerFailure | null = null
    for (let tries = 0; ; tries++) {
      await this.pace(attempt.provider.id, settings.tps)
      stats.sends++
      stats.recent.push(Date.now())
      stats.inUse++
      try {
        await this.get(url)
        failure = null
        this.mark(stats, 'up', 'sendsms accepted')
        break
      } catch (e) {
        failure = e instanceof PeerFailure ? e : new PeerFailure(`kannel ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, false)
        stats.errors++
        stats.errorsAt.push(Date.now())
        if (!failure.permanent) this.mark(stats, 'down', failure.message)
        if (failure.permanent || tries >= settings.retryMax) break
        await sleep(settings.retryBackoffMs * 2 ** tries)
      } finally {
        stats.inUse--
      }
    }
    if (failure) {
      this.pending.delete(attempt.spoolId)
      stats.results++
      return report({ kind: 'failed', cause: failure.message, permanent: failure.permanent })
    }
    stats.results++
    const accepted = report({ kind: 'accepted', peerIds: [`spool:${attempt.spoolId}`] })
    if (settings.completeOn === 'accept') {
      // Reported together, the acceptance and the completion are recorded in one write (not two one after the other).
      await Promise.all([accepted, report({ kind: 'delivered' })])
      entry.accepted = true
      entry.timer = setTimeout(() => this.forget(attempt.spoolId, entry), ACCEPT_KEEP_MS)
    } else {
      await accepted
      entry.accepted = true
      entry.timer = setTimeout(() => {
        if (this.pending.get(attempt.spoolId) !== entry) return
        this.pending.delete(attempt.spoolId)
        void report({ kind: 'failed', cause: 'dlr timeout', permanent: true })
      }, settings.dlrTimeoutMs)
    }
    entry.timer.unref()
    for (const type of entry.early.splice(0)) await this.applyDlr(attempt.spoolId, entry, type)
  }

  async peerRequest(provider: GatewayProvider, req: PeerRequest, context: PeerRequestContext): Promise<PeerReply> {
    if (req.entry === 'kannel/dlr') return this.dlr(provider, req, context)
    if (req.entry === 'kannel/mo') return this.mo(provider, req, context)
    return { status: 404, body: 'no such entry point' }
  }

  /** The `sendsms-user` and `sms-service` groups to paste into kannel.conf (§3); the password is never shown. */
  peerConfiguration(provider: GatewayProvider): string {
    const moPath = `/native/gateways/${provider.id}/kannel/mo`
    const moUrl = `${this.options.publicBaseUrl}${moPath}?from=%p&to=%P&text=%a&coding=%c&charset=%C&sig=${hmacHex(this.options.callbackKey, moPath)}`
    return [
      `# Switchboard provider ${provider.id}: paste into kannel.conf (spec/gateways.md §3).`,
      '# The sendsms user Switchboard sends as (its password is the provider\'s password, never shown here).',
      'group = sendsms-user',
      `username = ${kannelValue(provider.username ?? '')}`,
      'password = "<the provider\'s password>"',
      'max-messages = 10',
      'concatenation = true',
      '',
      '# Mobile-originated messages go to Switchboard as inbound SMS.',
      'group = sms-service',
      'keyword = default',
      'catch-all = true',
      `get-url = ${kannelValue(moUrl)}`,
      'max-messages = 0',
      'omit-empty = true',
      '',
    ].join('\n')
  }

  private async dlr(provider: GatewayProvider, req: PeerRequest, context: PeerRequestContext): Promise<PeerReply> {
    const q = new URLSearchParams(req.query)
    const spool = q.get('spool') ?? ''
    if (!/^[0-9]{1,10}$/.test(spool) || !signatureMatches(this.options.callbackKey, `${req.path}?spool=${spool}`, q.get('sig'))) return { status: 403, body: 'bad signature' }
    const spoolId = Number(spool)
    const type = Number(q.get('type'))
    if (!Number.isInteger(type)) return { status: 400, body: 'type must be an integer' }
    if (DLR_STATES[type] === undefined) return { status: 200, body: 'ignored' }
    if (this.finished.has(spoolId)) return { status: 200, body: 'already applied' }
    this.statsOf(provider.id).results++
    const entry = this.pending.get(spoolId)
    if (entry) {
      if (!entry.accepted) entry.early.push(type)
      else await this.applyDlr(spoolId, entry, type)
      return { status: 200, body: 'ok' }
    }
    // Sent by an earlier process (or its acceptance was reported long ago): found by its message id.
    const found = (await context.earlier(provider.id, [`spool:${spoolId}`])).get(`spool:${spoolId}`)
    if (!found) return { status: 404, body: 'no such spool' }
    if (found.delivered > 0) return { status: 200, body: 'already applied' }
    let settings: KannelSettings
    try {
      settings = parseKannelSettings(provider.settings)
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e
      return { status: 200, body: 'ok' }
    }
    await this.applyDlr(spoolId, { report: found.report, settings, accepted: true, early: [], timer: null }, type)
    return { status: 200, body: 'ok' }
  }

  /** A final DLR: stored as the delivery report; with complete_on delivery it ends the attempt. Applied once. */
  private async applyDlr(spoolId: number, entry: Pending, type: number): Promise<void> {
    const state = DLR_STATES[type]!
    if (this.finished.has(spoolId)) return
    this.finished.add(spoolId)
    if (this.finished.size > FINISHED_KEEP) this.finished.delete(this.finished.values().next().value!)
    this.forget(spoolId, entry)
    const events: AttemptEvent[] = [{ kind: 'report', state, final: true }]
    if (entry.settings.completeOn === 'delivery') {
      events.push(state === 'delivered' ? { kind: 'delivered' } : { kind: 'failed', cause: `delivery ${state}`, permanent: true })
    }
    for (const e of events) await entry.report(e)
  }

  private forget(spoolId: number, entry: Pending): void {
    if (entry.timer) clearTimeout(entry.timer)
    if (this.pending.get(spoolId) === entry) this.pending.delete(spoolId)
  }

  private async mo(provider: GatewayProvider, req: PeerRequest, context: PeerRequestContext): Promise<PeerReply> {
    const q = rawParams(req.query)
    if (!signatureMatches(this.options.callbackKey, req.path, q.get('sig')?.toString('latin1'))) return { status: 403, body: 'bad signature' }
    const from = q.get('from')?.toString('utf8') ?? ''
    const to = q.get('to')?.toString('utf8') ?? ''
    if (from === '' || to === '') return { status: 400, body: 'from and to are required' }
    const text = decodeCharset(q.get('text') ?? Buffer.alloc(0), q.get('charset')?.toString('latin1') ?? 'UTF-8')
    const answer = await context.inbound({ kind: 'inbound', message: { service: 'sms', from: phone(from), to: phone(to), text, tenantId: provider.tenantId ?? null } })
    if (answer.accepted) return { status: 200, body: '' }
    this.options.log.warn({ providerId: provider.id, reason: answer.reason }, 'kannel mobile-originated message refused')
    return { status: 404, body: answer.reason }
  }

  private sendsmsUrl(attempt: OutboundAttempt, s: KannelSettings): string {
    const p = attempt.provider
    const text = attempt.content.text ?? ''
    const ucs2 = s.coding === 'ucs2' || (s.coding === 'auto' && !fitsGsm(text))
    const dlrPath = `/native/gateways/${p.id}/kannel/dlr`
    const signed = `${dlrPath}?spool=${attempt.spoolId}`
    const dlrUrl = `${this.options.publicBaseUrl}${signed}&type=%d&smsc_id=%i&reply=%A&sig=${hmacHex(this.options.callbackKey, signed)}`
    const params = new URLSearchParams({
      username: p.username ?? '', password: p.password ?? '', to: attempt.destination, text, coding: ucs2 ? '2' : '0', charset: 'UTF-8',
    })
    const from = s.from ?? attempt.origin ?? p.dialstring
    if (from) params.set('from', from)
    if (s.smsc) params.set('smsc', s.smsc)
    if (s.dlrMask > 0) {
      params.set('dlr-mask', String(s.dlrMask))
      params.set('dlr-url', dlrUrl)
    }
    const host = p.host && p.host.includes(':') ? `[${p.host}]` : p.host ?? '127.0.0.1'
    return `http://${host}:${p.port ?? KANNEL_SENDSMS_PORT}${s.path}?${params.toString().replace(/\+/g, '%20')}`
  }

  /** One sendsms request: resolves when Kannel accepted (or queued) the message; else a PeerFailure. */
  private get(url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const req = request(url, { agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const line = Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim().slice(0, 200)
          if (status >= 200 && status < 300) return resolve()
          reject(new PeerFailure(`kannel ${status} ${line}`.trim(), status >= 400 && status < 500))
        })
      })
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })))
      req.on('error', reject)
      req.end()
    })
  }

  /** Waits for the provider's next `tps` slot (§1). */
  private async pace(providerId: number, tps: number): Promise<void> {
    if (tps <= 0) return
    const now = Date.now()
    const slot = Math.max(now, this.nextSlotAt.get(providerId) ?? 0)
    this.nextSlotAt.set(providerId, slot + 1000 / tps)
    if (slot > now) await sleep(slot - now)
  }

  private statsOf(providerId: number): Stats {
    let s = this.stats.get(providerId)
    if (!s) {
      s = { sends: 0, results: 0, errors: 0, recent: [], errorsAt: [], state: 'up', since: new Date(), detail: 'no request yet', inUse: 0, probeUrl: '', probedAt: 0 }
      this.stats.set(providerId, s)
    }
    return s
  }

  private mark(s: { state: ProviderHealth['state']; since: Date; detail: string }, state: 'up' | 'down', detail: string): void {
    if (s.state !== state) {
      s.state = state
      s.since = new Date()
    }
    s.detail = detail
  }
}

/** A value in kannel.conf: quoted, its quotes and backslashes escaped. */
function kannelValue(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** Query parameters as bytes (`+` is a space): Kannel escapes the text in the message's own charset. */
function rawParams(query: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const pair of query.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))
    if (!out.has(key)) out.set(key, percentBytes(eq < 0 ? '' : pair.slice(eq + 1)))
  }
  return out
}

function percentBytes(v: string): Buffer {
  const bytes: number[] = []
  for (let i = 0; i < v.length; i++) {
    const c = v[i]!
    if (c === '+') bytes.push(0x20)
    else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(v.slice(i + 1, i + 3))) {
      bytes.push(parseInt(v.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(c, 'utf8'))
  }
  return Buffer.from(bytes)
}

/** Text in Kannel's `%C` charset (UTF-8, UTF-16BE / UCS-2, ISO-8859-1 / WINDOWS-1252); unknown ones read as UTF-8. */
function decodeCharset(bytes: Buffer, charset: string): string {
  const c = charset.toUpperCase()
  if (c === 'UTF-16BE' || c === 'UCS-2' || c === 'UCS-2BE' || c === 'UTF-16') return Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2))).swap16().toString('utf16le')
  if (c === 'ISO-8859-1' || c === 'WINDOWS-1252' || c === 'LATIN1') return bytes.toString('latin1')
  return bytes.toString('utf8')
}

/** A number Kannel passes: international (`00…` or 8+ digits) gets its `+`, like SMPP's TON 1. */
function phone(v: string): string {
  if (/^00[0-9]{6,}$/.test(v)) return `+${v.slice(2)}`
  if (/^[0-9]{8,}$/.test(v)) return `+${v}`
  return v
}
