import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, before, describe, test } from 'node:test'
import { JsonServiceClient } from '@servicestack/client'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// spec/porta.md §11: the npm @servicestack/client (pinned 2.1.13) drives the JSON surface with DTO
// classes generated from /types/typescript. Its baseUrl is the server origin plus the Porta prefix
// (`http://host:port/porta`): the default base path then calls `/porta/api/Product`, and
// `basePath = null` calls `/porta/json/reply/Product` (and `/porta/json/oneway/Product`).

for (const kind of TEST_DATABASES) {
  describe(`Porta through @servicestack/client (${kind})`, () => {
    let app: TestApp
    let d: CatalogData
    let base: string
    let dir: string
    let dtos: Json
    before(async () => {
      app = await startTestApp(kind)
      d = await createCatalogData(app)
      await app.http.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/porta`
      dir = mkdtempSync(join(tmpdir(), 'porta-dtos-'))
      const file = join(dir, 'dtos.ts')
      writeFileSync(file, await (await fetch(`${base}/types/typescript`)).text())
      dtos = await import(pathToFileURL(file).href) as Json
    })
    after(async () => {
      await app.stop()
      rmSync(dir, { recursive: true, force: true })
    })

    /** A client on the Porta prefix recording the URLs it calls. */
    function client(basePath?: null): { c: JsonServiceClient; urls: string[] } {
      const c = new JsonServiceClient(base)
      if (basePath === null) c.basePath = null as unknown as string
      const urls: string[] = []
      c.requestFilter = (req) => { urls.push(new URL(req.url!).pathname) }
      return { c, urls }
    }

    test('the default base path posts the Product DTO to /porta/api/Product', async () => {
      const { c, urls } = client()
      const res = await c.post(new dtos.Product({ License: d.apiKey, ICustomer: d.customerId })) as Json
      assert.deepEqual(urls, ['/porta/api/Product'])
      assert.equal(res.NumberOfAccounts, 5)
      assert.equal(res.Accounts[1].IAccount, d.accounts.sip)
    })

    test('basePath = null posts to /porta/json/reply/Product and one-way sends to /porta/json/oneway/Product', async () => {
      const { c, urls } = client(null)
      const res = await c.post(new dtos.Product({ License: d.apiKey, Currency: 'GBP' })) as Json
      assert.deepEqual(res.PortaProducts.map((p: Json) => p.IProduct), [d.products.gold])
      await c.sendOneWay(new dtos.Product({ License: d.apiKey }))
      assert.deepEqual(urls, ['/porta/json/reply/Product', '/porta/json/oneway/Product'])
    })

    test('a GET of the DTO sends its fields as the query string, lists as a,b', async () => {
      const { c, urls } = client()
      const res = await c.get(new dtos.Product({ License: d.apiKey, LstIAccounts: [d.accounts.sip, d.accounts.blocked] })) as Json
      assert.equal(urls[0], '/porta/api/Product')
      assert.deepEqual(res.ProductAddonsInfo.map((g: Json) => g.IAccountProductAddOn), [d.assignments.intl, d.assignments.mail, d.assignments.past])
    })

    test('custom routes are reached by URLs relative to the base', async () => {
      const { c } = client()
      const products = await c.get(`/GetProducts/${d.apiKey}/GBP`) as Json
      assert.deepEqual(products.PortaProducts.map((p: Json) => p.IProduct), [d.products.gold])
      const admin = await c.postToUrl('/GetAdminProductsBySearchString', new dtos.Product({ License: d.apiKey, searchString: 'silver' })) as Json
      assert.deepEqual(admin.PortaProducts.map((p: Json) => p.IProduct), [d.products.silver])
      const info = await c.get(`/GetAccountInfoByIAccount/${d.apiKey}/${d.accounts.sip}`) as Json
      assert.equal(info.AccountInfo.last_usage, '/Date(1709634030250-0000)/')
    })

    test('a bad License surfaces as responseStatus.errorCode Unauthorized; an unknown id as NotFound', async () => {
      const { c } = client()
      await assert.rejects(c.post(new dtos.Product({ License: 'not-a-key' })), (e: Json) => e.responseStatus?.errorCode === 'Unauthorized')
      await assert.rejects(c.get(`/GetAccounts/${d.apiKey}/999999999`), (e: Json) => e.responseStatus?.errorCode === 'NotFound')
    })
  })
}
