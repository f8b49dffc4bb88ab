import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { FaxGateway } from '../../../src/gateways/fax/fax-gateway.ts'
import type { AttemptEvent, EarlierAttempt, GatewayProvider, OutboundAttempt, PeerRequestContext } from '../../../src/gateways/gateway.ts'
import { hmacHex } from '../../../src/gateways/signatures.ts'
import { FaxProvider } from '../../helpers/fax-provider.ts'
import { until } from '../../helpers/poll.ts'

// Issue 18, fax `media: upload` (spec/gateways.md §5; docs/decisions/gateways.md "HTTP fax"): what
// the flow test cannot reach in one process — a final webhook handled by a process that did not
// send the fax, and the media deletion's failures.

const API_KEY = 'fax-unit-key-4410'
const SECRET = 'fax-unit-hook-9920'
/** The smallest TIFF: a little-endian header and one empty IFD (a page to count, the provider's magic to check). */
const TIFF = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])

let fax: FaxProvider
let cacheDir: string
before(async () => {
  fax = await FaxProvider.start(API_KEY, SECRET)
  cacheDir = mkdtempSync(join(tmpdir(), 'sb-fax-unit-'))
})
after(async () => {
  await fax.stop()
  rmSync(cacheDir, { recursive: true, force: true })
})

const providerAt = (apiBase: string): GatewayProvider => ({
  id: 5, type: 'http', host: '127.0.0.1', port: 1, username: 'u', password: API_KEY, prefix: null, dialstring: null,
  settings: JSON.stringify({ fax: true, api_base: apiBase, media: 'upload', webhook_secret: SECRET, retry_backoff_ms: 10 }),
})

/** A context whose `earlier` finds fax `faxId` (sent by another process) and collects what is reported to it. */
function earlierContext(faxId: string, events: AttemptEvent[]): PeerRequestContext {
  const found: EarlierAttempt = { report: async (e) => { events.push(e) }, segments: 1, delivered: 0, key: '1' }
  return { inbound: async () => ({ accepted: true }), earlier: async (_p, ids) => new Map(ids.includes(faxId) ? [[faxId, found]] : []) }
}

function webhook(gateway: FaxGateway, provider: GatewayProvider, context: PeerRequestContext, payload: Record<string, unknown>, type = 'fax.delivered') {
  const raw = Buffer.from(JSON.stringify({ data: { event_type: type, payload } }))
  return gateway.peerRequest(provider, { entry: 'fax/events', path: '/native/gateways/5/fax/events', query: '', headers: { 'x-switchboard-signature': hmacHex(SECRET, raw) }, body: raw }, context)
}

test('a final webhook for a fax another process sent deletes the media its payload names when Switchboard named it (sb-), and only then', async () => {
  const gateway = new FaxGateway({ log: { info: () => {}, warn: () => {} }, publicBaseUrl: 'http://127.0.0.1:1', cacheDir })
  const provider = providerAt(`http://127.0.0.1:${fax.port}/v2`)
  fax.media.set('sb-41-1-0a0b0c', { bytes: TIFF, type: 'image/tiff', fileName: 'x.tif' })
  fax.media.set('cover-page', { bytes: TIFF, type: 'image/tiff', fileName: 'cover.tif' })
  const events: AttemptEvent[] = []
  try {
    assert.equal((await webhook(gateway, provider, earlierContext('fax-a', events), { fax_id: 'fax-a', page_count: 2, media_name: 'sb-41-1-0a0b0c' })).status, 200)
    assert.equal((await webhook(gateway, provider, earlierContext('fax-b', events), { fax_id: 'fax-b', page_count: 1, media_name: 'cover-page' })).status, 200)
  } finally {
    await gateway.stop() // lets its deletions finish
  }
  assert.deepEqual(events, [{ kind: 'delivered', pages: 2 }, { kind: 'delivered', pages: 1 }])
  assert.ok(fax.deletedMedia.includes('sb-41-1-0a0b0c'))
  assert.ok(fax.media.has('cover-page'), 'a media name Switchboard did not give is left alone')
})

test('a media deletion the provider refuses is logged without the API key and changes nothing else', async () => {
  const warnings: string[] = []
  const gateway = new FaxGateway({ log: { info: () => {}, warn: (o, m) => { warnings.push(`${m} ${JSON.stringify(o)}`) } }, publicBaseUrl: 'http://127.0.0.1:1', cacheDir })
  const broken = createServer((_req, res) => res.writeHead(500).end('storage down'))
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve))
  const provider = providerAt(`http://127.0.0.1:${(broken.address() as { port: number }).port}/v2`)
  const events: AttemptEvent[] = []
  try {
    const answer = await webhook(gateway, provider, earlierContext('fax-c', events), { fax_id: 'fax-c', failure_reason: 'user_busy', media_name: 'sb-42-1-0d0e0f' }, 'fax.failed')
    assert.equal(answer.status, 200)
    await until('the deletion logged', () => warnings.length, (n) => n === 1)
  } finally {
    await gateway.stop()
    await new Promise<void>((resolve) => broken.close(() => resolve()))
  }
  assert.deepEqual(events, [{ kind: 'failed', cause: 'user_busy', permanent: true }])
  assert.match(warnings[0]!, /fax media not deleted .*sb-42-1-0d0e0f.*answered 500/)
  assert.ok(!warnings[0]!.includes(API_KEY))
})

test('a fax the provider refuses after its media was uploaded fails with the provider\'s error, and the uploaded media is deleted', async () => {
  const gateway = new FaxGateway({ log: { info: () => {}, warn: () => {} }, publicBaseUrl: 'http://127.0.0.1:1', cacheDir })
  const tiffFile = join(cacheDir, 'doc.tif')
  writeFileSync(tiffFile, TIFF)
  const attempt: OutboundAttempt = {
    spoolId: 43, transmissionId: 43, tenantId: null, serviceFlag: 2, attempt: 1, destination: '+15550002222', origin: '+15550001000', steps: ['fax_send'],
    content: { ref: 'document:1', files: [{ path: tiffFile, mime: 'image/tiff' }] }, provider: providerAt(`http://127.0.0.1:${fax.port}/v2`),
  }
  const uploads = fax.uploads
  fax.faxFaults.push({ status: 422, body: '{"errors":[{"title":"Invalid phone number","detail":"to is not a fax number"}]}' })
  const events: AttemptEvent[] = []
  try {
    await gateway.send(attempt, async (e) => { events.push(e) })
  } finally {
    await gateway.stop()
  }
  assert.equal(events.length, 1)
  assert.deepEqual({ ...events[0], cause: undefined }, { kind: 'failed', cause: undefined, permanent: true })
  assert.match((events[0] as { cause: string }).cause, /^fax api 422 .*not a fax number/)
  assert.equal(fax.uploads, uploads + 1)
  assert.ok(fax.deletedMedia.some((n) => n.startsWith('sb-43-1-')), JSON.stringify(fax.deletedMedia))
})
