import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/rows.ts'
import { tiffPages } from '../../src/gateways/fax/tiff.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES, type DatabaseKind } from '../helpers/database.ts'
import { FaxProvider } from '../helpers/fax-provider.ts'
import { freePort } from '../helpers/kannel.ts'
import { until } from '../helpers/poll.ts'
import { basic } from '../helpers/wire.ts'

// Issue 18 points 4 and 6: fax through an HTTP fax provider (spec/gateways.md §5): a multi-page PDF
// converted by Ghostscript to fax TIFF (pages counted, converted once per document version), the
// provider's API called with a one-time media URL, its signed webhooks driving the spool, inbound fax.

const API_KEY = 'fax-api-key-5531'
const SECRET = 'fax-webhook-secret-7781'

/** A PDF of `pages` pages, made by Ghostscript. */
function pdf(pages: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'sb-pdf-'))
  try {
    const ps = Array.from({ length: pages }, (_, i) => `72 700 moveto (page ${i + 1}) show showpage`).join(' ')
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', '-sPAPERSIZE=a4', '-o', join(dir, 'd.pdf'), '-c', `/Helvetica findfont 24 scalefont setfont ${ps}`])
    return readFileSync(join(dir, 'd.pdf'))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A test app with a fax provider (`media` as given) and a sendfax program for a 3-page PDF. */
interface FaxFlow {
  app: TestApp
  fax: FaxProvider
  /** A call through ICTCore's API as the platform admin, asserting 200; the body. */
  ok(method: string, url: string, payload?: unknown, contentType?: string): Promise<unknown>
  /** Sends the fax to `to` and waits for its transmission's final state. */
  send(to: string): Promise<{ tid: number; t: { status: string; response: string | null } }>
  resultRows(tid: number): Promise<{ type: string; name: string; data: string }[]>
}

/** Starts the flow's app and provider in `before`, stops them in `after`; the flow is ready inside tests. */
function useFaxFlow(kind: DatabaseKind, media: 'url' | 'upload'): FaxFlow {
  const flow = {} as FaxFlow
  before(async () => {
    const fax = await FaxProvider.start(API_KEY, SECRET)
    flow.fax = fax
    const port = await freePort()
    const app = await startTestApp(kind, { port, host: '127.0.0.1', publicBaseUrl: `http://127.0.0.1:${port}` }, { dispatch: true })
    flow.app = app
    await app.listen()
    const admin = await app.user(null, { roles: ['admin', 'user'] })
    const auth = basic(admin.username, admin.password)
    flow.ok = async (method, url, payload, contentType = 'application/json') => {
      const res = await app.http.inject({
        method: method as 'POST', url, headers: { authorization: auth, 'content-type': contentType },
        payload: payload === undefined ? undefined : typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
      })
      assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`)
      return res.body ? res.json() : undefined
    }
    const providerId = await flow.ok('POST', '/api/providers', {
      name: 'faxco', type: 'http', service_flag: 2, host: '127.0.0.1', port: fax.port, username: 'unused', password: API_KEY,
      settings: JSON.stringify({ fax: true, api_base: `http://127.0.0.1:${fax.port}/v2`, connection_id: 'conn-1', from: '+15550001000', media, webhook_secret: SECRET, retry_backoff_ms: 20 }),
    }) as number
    fax.webhookUrl = `http://127.0.0.1:${port}/native/gateways/${providerId}/fax/events`
    const documentId = await flow.ok('POST', '/api/messages/documents', { name: 'contract' }) as number
    await flow.ok('PUT', `/api/messages/documents/${documentId}/media`, pdf(3), 'application/pdf')
    const programId = await flow.ok('POST', '/api/programs/sendfax', { document_id: documentId }) as number
    flow.send = async (to) => {
      const tid = await flow.ok('POST', '/api/transmissions', { program_id: programId, phone: to }) as number
      await flow.ok('POST', `/api/transmissions/${tid}/send`)
      const t = await until(`transmission ${tid} final`, async () => await flow.ok('GET', `/api/transmissions/${tid}`) as { status: string; response: string | null },
        (x) => x.status === 'completed' || x.status === 'failed', { timeoutMs: 30_000 })
      return { tid, t }
    }
    flow.resultRows = (tid) => queryRows<{ type: string; name: string; data: string }>(app.core.db, sql`select r.type, r.name, r.data from spool_results r join spools s on s.id = r.spool_id where s.transmission_id = ${tid} order by r.id`)
  })
  after(async () => {
    await flow.app?.stop()
    await flow.fax?.stop()
  })
  return flow
}

for (const kind of TEST_DATABASES) {
  describe(`fax over an HTTP fax provider, spec/gateways.md §5 (${kind})`, () => {
    const flow = useFaxFlow(kind, 'url')
    const ok = (method: string, url: string, payload?: unknown, contentType?: string) => flow.ok(method, url, payload, contentType)
    const send = (to: string) => flow.send(to)
    const resultRows = (tid: number) => flow.resultRows(tid)
    let fax: FaxProvider
    let app: TestApp
    before(() => {
      fax = flow.fax
      app = flow.app
    })

    test('a 3-page PDF is converted to a 3-page fax TIFF, sent through the provider\'s API and completed by its delivered webhook with the pages', async () => {
      fax.outcome = { kind: 'delivered', pageCount: (media) => tiffPages(media) }
      const { tid, t } = await send('+15559990001')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      const sent = fax.faxes.at(-1)!
      assert.deepEqual({ ...sent.body, media_url: undefined }, { connection_id: 'conn-1', to: '+15559990001', from: '+15550001000', media_url: undefined, quality: 'high' })
      assert.match(String(sent.body.media_url), /\/native\/fax-media\/[A-Za-z0-9_-]+$/)
      assert.equal(sent.mediaType, 'image/tiff')
      assert.equal(tiffPages(sent.media!), 3)
      const rows = await resultRows(tid)
      assert.ok(rows.some((r) => r.name === 'pages' && r.data === '3'), JSON.stringify(rows))
      assert.ok(rows.some((r) => r.name === 'message_id' && r.data === sent.id))
      // The media URL was good for one fetch only.
      const again = await fetch(String(sent.body.media_url))
      assert.equal(again.status, 404)
    })

    test('the same document version is converted once: a second fax reuses the cached TIFF', async () => {
      const { t } = await send('+15559990002')
      assert.equal(t.status, 'completed')
      assert.equal(readdirSync(join(app.core.mediaDir, 'fax-tiff')).filter((f) => f.endsWith('.tif')).length, 1)
    })

    test('a fax.failed webhook fails the spool with the provider\'s reason', async () => {
      fax.outcome = { kind: 'failed', reason: 'user_busy' }
      const { t } = await send('+15559990003')
      assert.equal(t.status, 'failed')
      assert.equal(t.response, 'user_busy')
      fax.outcome = { kind: 'delivered', pageCount: (media) => tiffPages(media) }
    })

    test('webhooks that come before the provider\'s answer to the POST are kept and applied after it', async () => {
      fax.webhookStatuses.length = 0
      fax.webhooksBeforeAnswer = true
      try {
        const { tid, t } = await send('+15559990005')
        assert.equal(t.status, 'completed', JSON.stringify(t))
        assert.ok(fax.webhookStatuses.every((s) => s === 200), JSON.stringify(fax.webhookStatuses))
        assert.ok((await resultRows(tid)).some((r) => r.name === 'pages' && r.data === '3'))
      } finally {
        fax.webhooksBeforeAnswer = false
      }
    })

    test('a webhook without the right signature is refused with 403 and changes nothing', async () => {
      const before = fax.faxes.length
      const { tid } = await send('+15559990004')
      const id = fax.faxes[before]!.id
      const rows = (await resultRows(tid)).length
      assert.equal(await fax.webhook({ data: { event_type: 'fax.failed', payload: { fax_id: id, failure_reason: 'forged' } } }, 'f'.repeat(64)), 403)
      assert.equal(await fax.webhook({ data: { event_type: 'fax.failed', payload: { fax_id: id, failure_reason: 'forged' } } }, ''), 403)
      assert.equal((await resultRows(tid)).length, rows)
      assert.equal((await ok('GET', `/api/transmissions/${tid}`) as { status: string }).status, 'completed')
    })

    test('an inbound fax (fax.received) is fetched from the provider and received by the account\'s receivefax program', async () => {
      const accountId = await ok('POST', '/api/accounts', { username: 'faxin', phone: '+15550001000' }) as number
      await ok('PUT', `/api/accounts/${accountId}/programs/receivefax`)
      assert.equal(await fax.receive('+15557770000', '+15550001000', pdf(2), 'application/pdf', 2), 200)
      const [doc] = await until('the inbound fax stored', () => queryRows<{ id: number }>(app.core.db, sql`select id from documents where name = 'Fax from +15557770000'`), (r) => r.length === 1)
      const shown = await ok('GET', `/api/messages/documents/${doc!.id}`) as { type: string; pages?: number }
      assert.equal(shown.type, 'pdf')
    })
  })

  describe(`fax with media: upload, the TIFF stored through the provider's Media Storage API (issue 18, ${kind})`, () => {
    const flow = useFaxFlow(kind, 'upload')

    test('a fax with media: upload is delivered: the provider stored a TIFF of the document\'s 3 pages, the fax named it, and it is deleted once delivered', async () => {
      const { fax } = flow
      fax.outcome = { kind: 'delivered', pageCount: (media) => tiffPages(media) }
      const { tid, t } = await flow.send('+15559990011')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      const sent = fax.faxes.at(-1)!
      assert.deepEqual({ ...sent.body, media_name: undefined }, { connection_id: 'conn-1', to: '+15559990011', from: '+15550001000', media_name: undefined, quality: 'high' })
      assert.match(String(sent.body.media_name), /^sb-\d+-\d+-[0-9a-f]+$/)
      assert.equal(sent.mediaType, 'image/tiff')
      assert.equal(tiffPages(sent.media!), 3)
      const rows = await flow.resultRows(tid)
      assert.ok(rows.some((r) => r.name === 'pages' && r.data === '3'), JSON.stringify(rows))
      assert.ok(rows.some((r) => r.name === 'message_id' && r.data === sent.id))
      await until('the stored media deleted', () => fax.deletedMedia, (d) => d.includes(String(sent.body.media_name)))
      assert.equal(fax.media.size, 0)
    })

    test('a fax.failed webhook fails the spool with the provider\'s reason and the stored media is deleted', async () => {
      const { fax } = flow
      fax.outcome = { kind: 'failed', reason: 'destination_unreachable' }
      try {
        const { t } = await flow.send('+15559990012')
        assert.equal(t.status, 'failed')
        assert.equal(t.response, 'destination_unreachable')
        const name = String(fax.faxes.at(-1)!.body.media_name)
        await until('the stored media deleted', () => fax.deletedMedia, (d) => d.includes(name))
      } finally {
        fax.outcome = { kind: 'delivered', pageCount: (media) => tiffPages(media) }
      }
    })

    test('an upload answered 4xx fails the spool at once with the provider\'s error, and no fax is sent', async () => {
      const { fax } = flow
      const faxes = fax.faxes.length
      const uploads = fax.uploads
      fax.uploadFaults.push({ status: 422, body: '{"errors":[{"title":"Invalid media","detail":"file too large"}]}' })
      const { t } = await flow.send('+15559990013')
      assert.equal(t.status, 'failed')
      assert.match(t.response ?? '', /^fax media 422 .*file too large/)
      assert.equal(fax.uploads, uploads + 1, 'a permanent failure is not retried')
      assert.equal(fax.faxes.length, faxes)
    })

    test('an upload answered 5xx is retried with backoff and the fax is then delivered', async () => {
      const { fax } = flow
      const uploads = fax.uploads
      fax.uploadFaults.push({ status: 503, body: '{"errors":[{"title":"Service unavailable"}]}' })
      const { t } = await flow.send('+15559990014')
      assert.equal(t.status, 'completed', JSON.stringify(t))
      assert.equal(fax.uploads, uploads + 2)
      assert.equal(tiffPages(fax.faxes.at(-1)!.media!), 3)
    })
  })
}
