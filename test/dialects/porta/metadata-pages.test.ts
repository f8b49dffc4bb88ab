import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { startTestApp, type TestApp } from '../../helpers/app.ts'

// spec/porta.md §9: the metadata pages (no License) and /types/typescript. Routing only: PGlite.

const SEED = new URL('./servicestack/fixtures/porta-plus-web-services.txt', import.meta.url)

/** §9 normalized text: tags removed, line breaks at <br> and after </h1> </h2> </h3> </p> </a> </tr> </pre>, entities decoded, lines trimmed, empty lines dropped. */
function normalized(html: string): string[] {
  const text = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(h1|h2|h3|p|a|tr|pre)>/gi, '$&\n').replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&')
  return text.split('\n').map((l) => l.trim()).filter(Boolean)
}

describe('Porta metadata pages', () => {
  let app: TestApp
  before(async () => { app = await startTestApp('pglite') })
  after(async () => { await app.stop() })
  const get = (url: string) => app.http.inject({ method: 'GET', url: `/porta${url}`, headers: { host: 'example.test' } })

  test('the JSV page is the reference page line by line, but for the request line and Host', async () => {
    const res = await get('/jsv/metadata?op=Product')
    assert.equal(res.statusCode, 200)
    assert.match(String(res.headers['content-type']), /^text\/html/)
    const seed = readFileSync(SEED, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
    const page = normalized(res.body)
    const expected = seed.map((l) => l.startsWith('POST /jsv/reply/Product') ? 'POST /porta/jsv/reply/Product HTTP/1.1' : l.startsWith('Host:') ? 'Host: example.test' : l)
    assert.deepEqual(page, expected)
  })

  test('the JSON, XML and CSV pages list the routes and samples that parse in their format', async () => {
    const jsv = normalized((await get('/jsv/metadata?op=Product')).body)
    const routes = jsv.filter((l) => /^(GET|POST)\//.test(l))
    assert.equal(routes.length, 43)
    for (const [fmt, label] of [['json', 'JSON'], ['xml', 'XML'], ['csv', 'CSV']] as const) {
      const res = await get(`/${fmt}/metadata?op=Product`)
      const lines = normalized(res.body)
      assert.deepEqual(lines.filter((l) => /^(GET|POST)\//.test(l)), routes, fmt)
      assert.ok(lines.includes(`HTTP + ${label}`), fmt)
      assert.ok(lines.includes(`To override the Content-type in your clients HTTP Accept Header, append the .${fmt} suffix or ?format=${fmt}`), fmt)
      assert.equal(lines.includes('To embed the response in a jsonp callback, append ?callback=myCallback'), fmt === 'json')
    }
    const json = (await get('/json/metadata?op=Product')).body
    const bodies = [...json.matchAll(/<pre>[\s\S]*?\n\n([\s\S]*?)<\/pre>/g)].map((m) => JSON.parse(m[1]!.replaceAll('&quot;', '"')))
    assert.equal(bodies[0].Currency, 'String')
    assert.equal(bodies[1].Accounts[0].BillingModel, 'ReChargeVoucher')
  })

  test('/metadata lists Product; /{fmt}/metadata without op redirects; an unknown op is no route', async () => {
    const index = await get('/metadata')
    assert.equal(index.statusCode, 200)
    assert.ok(normalized(index.body).includes('Porta Plus 2 Web Services'))
    assert.match(index.body, /href="\/porta\/jsv\/metadata\?op=Product"/)
    const redirect = await get('/xml/metadata')
    assert.equal(redirect.statusCode, 302)
    assert.equal(redirect.headers.location, '/porta/metadata')
    const unknown = await get('/json/metadata?op=Nope')
    assert.equal(unknown.statusCode, 404)
    assert.ok(unknown.body.startsWith('Handler for Request not found (404)'))
  })

  test('/types/typescript compiles with tsc --strict', async () => {
    const res = await get('/types/typescript')
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
    assert.match(res.body, /export class Product implements IReturn<ProductResponse>/)
    assert.match(res.body, /export enum BillingModel/)
    const dir = mkdtempSync(join(tmpdir(), 'porta-types-'))
    try {
      const file = join(dir, 'dtos.ts')
      writeFileSync(file, `${res.body}\nconst p = new Product({ License: 'k', LstIAccounts: [1] });\nconst r: ProductResponse = p.createResponse();\nexport const check = [p.getTypeName(), p.getMethod(), r.NumberOfAccounts, BillingModel.Debit];\n`)
      const tsc = new URL('../../../node_modules/typescript/bin/tsc', import.meta.url).pathname
      await promisify(execFile)(process.execPath, [tsc, '--strict', '--noEmit', '--target', 'es2022', '--module', 'es2022', '--typeRoots', dir, file])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
