import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { hmacHex } from '../../src/gateways/signatures.ts'

/**
 * An HTTP fax provider for the tests (spec/gateways.md §5: the real one is a paid remote service):
 * `POST /v2/faxes` (Bearer API key) answers `{"data":{"id"}}`, then fetches the media URL like the
 * provider would (or takes the stored file its `media_name` names) and sends its signed webhooks
 * (queued, media processed, sending started, then delivered with the page count it was told, or
 * failed); `receive` sends a `fax.received` webhook whose media it serves itself. Telnyx's Media
 * Storage: `POST /v2/media` (multipart/form-data: the file `media`, a TIFF, and `media_name`) stores
 * a file, `DELETE /v2/media/{media_name}` removes it.
 */
export interface SentFax { id: string; body: Record<string, unknown>; media: Buffer | null; mediaType: string | null }

/** A file stored through `POST /v2/media`. */
export interface StoredMedia { bytes: Buffer; type: string; fileName: string }

/** A TIFF's first four bytes: little-endian `II*\0` or big-endian `MM\0*`. */
const isTiff = (b: Buffer) => b.length >= 4 && (b.subarray(0, 4).equals(Buffer.from('II*\0', 'latin1')) || b.subarray(0, 4).equals(Buffer.from('MM\0*', 'latin1')))

const errors = (title: string, detail: string) => JSON.stringify({ errors: [{ title, detail }] })

export class FaxProvider {
  readonly faxes: SentFax[] = []
  /** Where webhooks go (`/native/gateways/{provider_id}/fax/events` of the app). */
  webhookUrl = ''
  /** What the next faxes end with. */
  outcome: { kind: 'delivered'; pageCount: (media: Buffer) => number } | { kind: 'failed'; reason: string } = { kind: 'delivered', pageCount: () => 1 }
  /** Send every webhook of a fax before answering its POST (a provider faster than its own answer). */
  webhooksBeforeAnswer = false
  /** Webhook answers, in order. */
  readonly webhookStatuses: number[] = []
  /** Files in Media Storage, by media name. */
  readonly media = new Map<string, StoredMedia>()
  /** Media names deleted, in order. */
  readonly deletedMedia: string[] = []
  /** `POST /v2/media` requests received (answered or not). */
  uploads = 0
  /** Answers the next uploads get instead of storing the file (a fault), in order. */
  readonly uploadFaults: { status: number; body: string }[] = []
  /** Answers the next `POST /v2/faxes` get instead of a fax, in order. */
  readonly faxFaults: { status: number; body: string }[] = []
  private readonly files = new Map<string, { bytes: Buffer; type: string }>()
  private seq = 0

  private constructor(private readonly server: Server, readonly port: number, private readonly apiKey: string, private readonly secret: string) {}

  static async start(apiKey: string, secret: string): Promise<FaxProvider> {
    let provider: FaxProvider | null = null
    const server = createServer((req, res) => void provider!.handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    provider = new FaxProvider(server, (server.address() as { port: number }).port, apiKey, secret)
    return provider
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  /** Sends a signed webhook with this body; `signature` overrides the right one. */
  async webhook(body: unknown, signature?: string): Promise<number> {
    const raw = JSON.stringify(body)
    const res = await fetch(this.webhookUrl, { method: 'POST', body: raw, headers: { 'content-type': 'application/json', 'x-switchboard-signature': signature ?? hmacHex(this.secret, raw) } })
    await res.text()
    this.webhookStatuses.push(res.status)
    return res.status
  }

  /** An inbound fax: its document served here, announced by `fax.received`. */
  async receive(from: string, to: string, document: Buffer, type: string, pageCount: number): Promise<number> {
    const name = `in-${++this.seq}`
    this.files.set(name, { bytes: document, type })
    return this.webhook({ data: { event_type: 'fax.received', payload: { fax_id: name, status: 'received', from, to, page_count: pageCount, media_url: `http://127.0.0.1:${this.port}/files/${name}` } } })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const authorized = req.headers.authorization === `Bearer ${this.apiKey}`
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    if (req.method === 'GET' && req.url?.startsWith('/files/')) {
      const file = this.files.get(req.url.slice('/files/'.length))
      if (!authorized || !file) return void res.writeHead(authorized ? 404 : 401).end()
      return void res.writeHead(200, { 'content-type': file.type }).end(file.bytes)
    }
    const json = (status: number, body: string) => void res.writeHead(status, { 'content-type': 'application/json' }).end(body)
    const mediaPath = req.url?.match(/^\/v2\/media\/([^/?]+)$/)
    if (req.method === 'DELETE' && mediaPath) {
      if (!authorized) return json(401, errors('Authentication failed', 'bad API key'))
      const name = decodeURIComponent(mediaPath[1]!)
      if (!this.media.delete(name)) return json(404, errors('Resource not found', `no media ${name}`))
      this.deletedMedia.push(name)
      return void res.writeHead(204).end()
    }
    if (req.method === 'POST' && req.url === '/v2/media') {
      this.uploads++
      const fault = this.uploadFaults.shift()
      if (fault) return json(fault.status, fault.body)
      if (!authorized) return json(401, errors('Authentication failed', 'bad API key'))
      return this.store(req.headers['content-type'] ?? '', Buffer.concat(chunks), json)
    }
    if (req.method !== 'POST' || req.url !== '/v2/faxes') return void res.writeHead(404).end()
    const fault = this.faxFaults.shift()
    if (fault) return json(fault.status, fault.body)
    if (!authorized) return json(401, errors('Authentication failed', 'bad API key'))
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
    const stored = typeof body.media_name === 'string' ? this.media.get(body.media_name) : undefined
    // Telnyx refuses a media_name its Media Storage does not hold.
    if (typeof body.media_name === 'string' && !stored) return json(422, errors('Invalid media_name', `media ${body.media_name} not found`))
    const fax: SentFax = { id: `fax-${++this.seq}`, body, media: null, mediaType: null }
    this.faxes.push(fax)
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { id: fax.id, status: 'queued' } }))
    // The provider's own work, after its answer (or, with `webhooksBeforeAnswer`, before it).
    const early = this.webhooksBeforeAnswer
    if (!early) answer()
    const outcome = this.outcome
    if (stored) {
      fax.media = stored.bytes
      fax.mediaType = stored.type
    } else {
      const media = await fetch(String(body.media_url))
      fax.media = media.ok ? Buffer.from(await media.arrayBuffer()) : null
      fax.mediaType = media.headers.get('content-type')
    }
    // Telnyx's fax webhooks name the media_name the fax was sent with.
    const named = stored ? { media_name: body.media_name } : {}
    const event = (type: string, extra: Record<string, unknown> = {}) => this.webhook({ data: { event_type: type, payload: { fax_id: fax.id, status: type.slice(4), ...named, ...extra } } })
    await event('fax.queued')
    await event('fax.media.processed')
    await event('fax.sending.started')
    if (outcome.kind === 'failed' || !fax.media) await event('fax.failed', { failure_reason: outcome.kind === 'failed' ? outcome.reason : 'media not fetched' })
    else await event('fax.delivered', { page_count: outcome.pageCount(fax.media) })
    if (early) answer()
  }

  /** `POST /v2/media`: the multipart body parsed (by the platform's form-data parser), a TIFF stored under its `media_name`. */
  private async store(contentType: string, raw: Buffer, json: (status: number, body: string) => void): Promise<void> {
    if (!contentType.startsWith('multipart/form-data')) return json(422, errors('Invalid content type', 'multipart/form-data expected'))
    let form: FormData
    try {
      form = await new Request('http://provider/v2/media', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData()
    } catch {
      return json(400, errors('Bad request', 'unreadable multipart body'))
    }
    const file = form.get('media')
    const name = form.get('media_name')
    if (!(file instanceof File)) return json(422, errors('Missing media', 'the file field media is required'))
    if (typeof name !== 'string' || name === '') return json(422, errors('Missing media_name', 'media_name is required'))
    if (this.media.has(name)) return json(422, errors('Media name taken', `media ${name} already exists`))
    const bytes = Buffer.from(await file.arrayBuffer())
    if (!isTiff(bytes)) return json(422, errors('Invalid media', 'not a TIFF'))
    this.media.set(name, { bytes, type: file.type, fileName: file.name })
    const now = new Date()
    json(201, JSON.stringify({ data: { media_name: name, content_type: file.type, created_at: now.toISOString(), updated_at: now.toISOString(), expires_at: new Date(now.getTime() + 2 * 86400_000).toISOString() } }))
  }
}
