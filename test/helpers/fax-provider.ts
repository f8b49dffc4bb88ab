import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { hmacHex } from '../../src/gateways/signatures.ts'

/**
 * An HTTP fax provider for the tests (spec/gateways.md §5: the real one is a paid remote service):
 * `POST /v2/faxes` (Bearer API key) answers `{"data":{"id"}}`, then fetches the media URL like the
 * provider would and sends its signed webhooks (queued, media processed, sending started, then
 * delivered with the page count it was told, or failed); `receive` sends a `fax.received` webhook
 * whose media it serves itself.
 */
export interface SentFax { id: string; body: Record<string, unknown>; media: Buffer | null; mediaType: string | null }

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
    if (req.method !== 'POST' || req.url !== '/v2/faxes') return void res.writeHead(404).end()
    if (!authorized) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"title":"Authentication failed"}]}')
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>
    const fax: SentFax = { id: `fax-${++this.seq}`, body, media: null, mediaType: null }
    this.faxes.push(fax)
    const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { id: fax.id, status: 'queued' } }))
    // The provider's own work, after its answer (or, with `webhooksBeforeAnswer`, before it).
    const early = this.webhooksBeforeAnswer
    if (!early) answer()
    const outcome = this.outcome
    const media = await fetch(String(body.media_url))
    fax.media = media.ok ? Buffer.from(await media.arrayBuffer()) : null
    fax.mediaType = media.headers.get('content-type')
    const event = (type: string, extra: Record<string, unknown> = {}) => this.webhook({ data: { event_type: type, payload: { fax_id: fax.id, status: type.slice(4), ...extra } } })
    await event('fax.queued')
    await event('fax.media.processed')
    await event('fax.sending.started')
    if (outcome.kind === 'failed' || !fax.media) await event('fax.failed', { failure_reason: outcome.kind === 'failed' ? outcome.reason : 'media not fetched' })
    else await event('fax.delivered', { page_count: outcome.pageCount(fax.media) })
    if (early) answer()
  }
}
