import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import {
  SettingsError, type AttemptEvent, type AttemptReport, type Gateway, type GatewayLog, type GatewayProvider, type OutboundAttempt, type PeerReply,
  type PeerRequest, type PeerRequestContext,
} from '../gateway.ts'
import { signatureMatches } from '../signatures.ts'
import { FAX_API_PORT, parseFaxSettings, type FaxSettings } from './fax-settings.ts'
import { faxTiff } from './tiff.ts'
import { setTimeout as sleep } from 'node:timers/promises'
import { PeerFailure } from '../peer-failure.ts'

/**
 * The HTTP fax gateway (spec/gateways.md §5, a Telnyx Programmable Fax style API) for `http`
 * providers with `fax: true`: the document converted to fax TIFF (tiff.ts), `POST {api_base}/faxes`
 * with a one-time media URL the provider fetches (`media: url`) or with the name of the TIFF first
 * stored through the provider's Media Storage API (`media: upload`, removed again once the fax is
 * final), and the provider's signed webhooks driving the spool (delivered with its pages, failed
 * with the provider's reason) and bringing inbound faxes.
 */

export interface FaxGatewayOptions {
  log: GatewayLog
  /** The base URL the provider reaches Switchboard at (media URLs). */
  publicBaseUrl: string
  /** Where converted documents are kept (per document version). */
  cacheDir: string
  requestTimeoutMs?: number
}

interface Pending { report: AttemptReport; pages: number; timer: NodeJS.Timeout | null; media: StoredMedia | null }

/** A TIFF stored with the provider (`media: upload`): where to delete it once its fax is final. */
interface StoredMedia { providerId: number; apiBase: string; apiKey: string | null; name: string }

/** Every media name this gateway gives starts so: a webhook's `media_name` is deleted only when it is one of ours. */
const MEDIA_NAME_PREFIX = 'sb-'

/** One-time media tokens live this long if never fetched. */
const TOKEN_TTL_MS = 24 * 3600_000
/** Webhooks for a fax id not known yet (before the provider's answer) wait this long. */
const EARLY_KEEP_MS = 60_000

export class FaxGateway implements Gateway {
  readonly types = ['http'] as const
  private readonly pending = new Map<string, Pending>()
  private readonly early = new Map<string, { events: { type: string; payload: FaxPayload }[]; at: number }>()
  private readonly tokens = new Map<string, { path: string; expiresAt: number }>()
  private readonly finished = new Set<string>()
  private readonly nextSlotAt = new Map<number, number>()
  /** Media deletions under way (best effort; `stop` lets them finish). */
  private readonly deleting = new Set<Promise<void>>()

  constructor(private readonly options: FaxGatewayOptions) {}

  async stop(): Promise<void> {
    for (const p of this.pending.values()) if (p.timer) clearTimeout(p.timer)
    this.pending.clear()
    await Promise.allSettled([...this.deleting])
  }

  reportTimeoutMs(provider: GatewayProvider): number | null {
    try {
      return parseFaxSettings(provider.settings).dlrTimeoutMs
    } catch (e) {
      if (e instanceof SettingsError) return null
      throw e
    }
  }

  async send(attempt: OutboundAttempt, report: AttemptReport): Promise<void> {
    let s: FaxSettings
    try {
      s = parseFaxSettings(attempt.provider.settings)
    } catch (e) {
      if (!(e instanceof SettingsError)) throw e
      return report({ kind: 'failed', cause: e.message, permanent: true })
    }
    let tiff: { path: string; pages: number }
    try {
      tiff = await faxTiff(attempt.content.files ?? [], this.options.cacheDir)
    } catch (e) {
      return report({ kind: 'failed', cause: `document: ${(e as Error).message}`, permanent: true })
    }
    const p = attempt.provider
    const apiBase = apiBaseOf(s, p)
    this.sweep()
    let token: string | null = null
    if (s.media === 'url') {
      token = randomBytes(24).toString('base64url')
      this.tokens.set(token, { path: tiff.path, expiresAt: Date.now() + TOKEN_TTL_MS })
    }
    const fax = { connection_id: s.connectionId, to: attempt.destination, from: s.from ?? attempt.origin ?? p.dialstring }
    // media: upload stores the TIFF once per send (a media name of its own, deleted when this fax is
    // final) and keeps it across the retries of POST /faxes: docs/decisions/gateways.md "HTTP fax".
    let media: StoredMedia | null = null
    let failure: PeerFailure | null = null
    let faxId = ''
    for (let tries = 0; ; tries++) {
      await this.pace(p.id, s.tps)
      try {
        if (s.media === 'upload' && !media) {
          const name = `${MEDIA_NAME_PREFIX}${attempt.spoolId}-${attempt.attempt}-${randomBytes(6).toString('hex')}`
          media = { providerId: p.id, apiBase, apiKey: p.password, name: await this.upload(apiBase, p.password, tiff.path, name) }
        }
        const where = media ? { media_name: media.name } : { media_url: `${this.options.publicBaseUrl}/native/fax-media/${token}` }
        faxId = await this.post(`${apiBase}/faxes`, p.password, JSON.stringify({ ...fax, ...where, quality: s.quality }))
        failure = null
        break
      } catch (e) {
        failure = e instanceof PeerFailure ? e : new PeerFailure(`fax api ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`, false)
        if (failure.permanent || tries >= s.retryMax) break
        await sleep(s.retryBackoffMs * 2 ** tries)
      }
    }
    if (failure) {
      if (token) this.tokens.delete(token)
      if (media) this.deleteMedia(media)
      return report({ kind: 'failed', cause: failure.message, permanent: failure.permanent })
    }
    const entry: Pending = { report, pages: tiff.pages, timer: null, media }
    this.pending.set(faxId, entry)
    await report({ kind: 'accepted', peerIds: [faxId] })
    entry.timer = setTimeout(() => {
      if (this.pending.get(faxId) !== entry) return
      this.pending.delete(faxId)
      // Failed here: the provider must not send it later from the stored media either.
      if (entry.media) this.deleteMedia(entry.media)
      void report({ kind: 'failed', cause: 'fax timeout', permanent: true })
    }, s.dlrTimeoutMs)
    entry.timer.unref()
    const early = this.early.get(faxId)
    this.early.delete(faxId)
    for (const e of early?.events ?? []) await this.apply(faxId, entry, e.type, e.payload)
  }

  /** The converted document behind a one-time media token (the provider fetches it once). */
  async peerMedia(token: string): Promise<{ mime: string; bytes: Buffer } | undefined> {
    const t = this.tokens.get(token)
    if (!t) return undefined
    this.tokens.delete(token)
    if (t.expiresAt < Date.now()) return undefined
    return { mime: 'image/tiff', bytes: await readFile(t.path) }
  }

  async peerRequest(provider: GatewayProvider, req: PeerRequest, context: PeerRequestContext): Promise<PeerReply> {
    if (req.entry !== 'fax/events') return { status: 404, body: 'no such entry point' }
    let s: FaxSettings
    try {
      s = parseFaxSettings(provider.settings)
    } catch (e) {
      if (e instanceof SettingsError) return { status: 404, body: 'not a fax provider' }
      throw e
    }
    const raw = req.body ?? Buffer.alloc(0)
    // Without a webhook_secret nothing can be authenticated: every webhook is refused.
    if (!s.webhookSecret || !signatureMatches(s.webhookSecret, raw, req.headers['x-switchboard-signature'])) return { status: 403, body: 'bad signature' }
    let event: { data?: { event_type?: unknown; payload?: FaxPayload } }
    try {
      event = JSON.parse(raw.toString('utf8')) as typeof event
    } catch {
      return { status: 400, body: 'body must be JSON' }
    }
    const type = event.data?.event_type
    const payload = event.data?.payload
    if (typeof type !== 'string' || !payload || typeof payload !== 'object') return { status: 400, body: 'data.event_type and data.payload are required' }
    if (type === 'fax.received') return this.received(provider, payload, context)
    const faxId = typeof payload.fax_id === 'string' ? payload.fax_id : typeof payload.id === 'string' ? payload.id : ''
    if (faxId === '') return { status: 400, body: 'payload.fax_id is required' }
    if (this.finished.has(faxId)) return { status: 200, body: 'already applied' }
    const entry = this.pending.get(faxId)
    if (entry) {
      await this.apply(faxId, entry, type, payload)
      return { status: 200, body: 'ok' }
    }
    const found = (await context.earlier(provider.id, [faxId])).get(faxId)
    if (found) {
      // Sent by another process (or before a restart): the media to delete is the one the webhook names (Telnyx's payload carries `media_name`).
      const name = typeof payload.media_name === 'string' && payload.media_name.startsWith(MEDIA_NAME_PREFIX) ? payload.media_name : null
      const media = name ? { providerId: provider.id, apiBase: apiBaseOf(s, provider), apiKey: provider.password, name } : null
      await this.apply(faxId, { report: found.report, pages: 1, timer: null, media }, type, payload)
      return { status: 200, body: 'ok' }
    }
    // Perhaps before the provider answered our POST: kept a minute.
    const held = this.early.get(faxId) ?? { events: [], at: Date.now() }
    held.events.push({ type, payload })
    this.early.set(faxId, held)
    return { status: 200, body: 'held' }
  }

  /** fax.delivered → completed with its pages; fax.failed → failed with the provider's reason; the others change nothing (§5). */
  private async apply(faxId: string, entry: Pending, type: string, payload: FaxPayload): Promise<void> {
    let event: AttemptEvent | null = null
    if (type === 'fax.delivered') {
      const pages = typeof payload.page_count === 'number' && Number.isInteger(payload.page_count) && payload.page_count > 0 ? payload.page_count : entry.pages
      event = { kind: 'delivered', pages }
    } else if (type === 'fax.failed') {
      event = { kind: 'failed', cause: typeof payload.failure_reason === 'string' && payload.failure_reason !== '' ? payload.failure_reason.slice(0, 200) : 'fax failed', permanent: true }
    }
    if (!event) return
    this.finished.add(faxId)
    if (this.finished.size > 100_000) this.finished.delete(this.finished.values().next().value!)
    if (entry.timer) clearTimeout(entry.timer)
    if (this.pending.get(faxId) === entry) this.pending.delete(faxId)
    if (entry.media) this.deleteMedia(entry.media)
    await entry.report(event)
  }

  /** fax.received: the document is fetched from the provider and handed over as an inbound fax. */
  private async received(provider: GatewayProvider, payload: FaxPayload, context: PeerRequestContext): Promise<PeerReply> {
    if (typeof payload.media_url !== 'string' || !/^https?:\/\//.test(payload.media_url)) return { status: 400, body: 'payload.media_url is required' }
    if (typeof payload.from !== 'string' || typeof payload.to !== 'string') return { status: 400, body: 'payload.from and payload.to are required' }
    const res = await this.request(payload.media_url, provider.password, { method: 'GET' }, 60_000)
    if (!res.ok) return { status: 502, body: `media fetch answered ${res.status}` }
    const bytes = Buffer.from(await res.arrayBuffer())
    const mime = (res.headers.get('content-type') ?? 'application/pdf').split(';')[0]!.trim()
    const pages = typeof payload.page_count === 'number' && Number.isInteger(payload.page_count) && payload.page_count > 0 ? payload.page_count : 1
    const answer = await context.inbound({ kind: 'inbound', message: { service: 'fax', from: payload.from, to: payload.to, attachments: [{ bytes, mime }], pages, tenantId: provider.tenantId ?? null } })
    if (answer.accepted) return { status: 200, body: 'ok' }
    this.options.log.warn({ providerId: provider.id, reason: answer.reason }, 'inbound fax refused')
    return { status: 404, body: answer.reason }
  }

  /** One request to the provider, signed in with its API key (Bearer) and bounded in time. */
  private request(url: string, apiKey: string | null, init: { method: string; body?: string | FormData; headers?: Record<string, string> }, timeoutMs = this.options.requestTimeoutMs ?? 30_000): Promise<Response> {
    return fetch(url, {
      ...init, signal: AbortSignal.timeout(timeoutMs),
      headers: { ...init.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    })
  }

  /** `POST {api_base}/faxes`: the provider's fax id. */
  private post(url: string, apiKey: string | null, body: string): Promise<string> {
    return this.call('fax api', url, apiKey, { 'content-type': 'application/json' }, body, 'id')
  }

  /**
   * Telnyx's Media Storage upload, `POST {api_base}/media` (multipart/form-data: the file `media`,
   * and `media_name`): the name the provider stored it under.
   */
  private async upload(apiBase: string, apiKey: string | null, path: string, name: string): Promise<string> {
    const form = new FormData()
    form.append('media', new Blob([await readFile(path)], { type: 'image/tiff' }), `${name}.tif`)
    form.append('media_name', name)
    return this.call('fax media', `${apiBase}/media`, apiKey, {}, form, 'media_name')
  }

  /**
   * One request to the provider's API, answered 2xx with `{"data":{<field>}}`: that field. A 4xx is
   * a permanent PeerFailure with the provider's text, a 5xx a temporary one (spec/gateways.md §1).
   */
  private async call(label: string, url: string, apiKey: string | null, headers: Record<string, string>, body: string | FormData, field: string): Promise<string> {
    const res = await this.request(url, apiKey, { method: 'POST', body, headers: { ...headers, accept: 'application/json' } })
    const text = await res.text()
    if (res.status >= 400) throw new PeerFailure(`${label} ${res.status} ${text.split('\n')[0]!.slice(0, 200)}`.trim(), res.status < 500)
    let value: unknown
    try {
      value = (JSON.parse(text) as { data?: Record<string, unknown> }).data?.[field]
    } catch {
      value = undefined
    }
    if (typeof value !== 'string' || value === '') throw new PeerFailure(`${label} ${res.status}: no data.${field} in the answer`, true)
    return value
  }

  /**
   * `DELETE {api_base}/media/{media_name}`, best effort: a failure is logged (no secret) and changes
   * nothing else; the provider's own expiry (Telnyx: 2 days) removes what is left.
   */
  private deleteMedia(media: StoredMedia): void {
    const done = (async () => {
      let problem: string | null = null
      try {
        const res = await this.request(`${media.apiBase}/media/${encodeURIComponent(media.name)}`, media.apiKey, { method: 'DELETE', headers: { accept: 'application/json' } })
        await res.arrayBuffer()
        // 404: already gone (expired, or deleted by another process).
        if (!res.ok && res.status !== 404) problem = `answered ${res.status}`
      } catch (e) {
        problem = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name
      }
      if (problem) this.options.log.warn({ providerId: media.providerId, mediaName: media.name, problem }, 'fax media not deleted')
    })()
    this.deleting.add(done)
    void done.finally(() => this.deleting.delete(done))
  }

  private async pace(providerId: number, tps: number): Promise<void> {
    if (tps <= 0) return
    const now = Date.now()
    const slot = Math.max(now, this.nextSlotAt.get(providerId) ?? 0)
    this.nextSlotAt.set(providerId, slot + 1000 / tps)
    if (slot > now) await sleep(slot - now)
  }

  private sweep(): void {
    const now = Date.now()
    for (const [t, v] of this.tokens) if (v.expiresAt < now) this.tokens.delete(t)
    for (const [id, v] of this.early) if (now - v.at > EARLY_KEEP_MS) this.early.delete(id)
  }
}

/** The provider's API base: `api_base`, else `https://<host>:<port>/v2` (§5). */
function apiBaseOf(s: FaxSettings, p: GatewayProvider): string {
  return s.apiBase ?? `https://${p.host}:${p.port ?? FAX_API_PORT}/v2`
}

interface FaxPayload {
  fax_id?: unknown
  id?: unknown
  status?: unknown
  page_count?: unknown
  failure_reason?: unknown
  media_url?: unknown
  media_name?: unknown
  from?: unknown
  to?: unknown
}
