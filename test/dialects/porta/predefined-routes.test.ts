import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ProductResponse } from '../../../src/dialects/porta/servicestack/dto.ts'
import { readJsv } from '../../../src/dialects/porta/servicestack/jsv.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// spec/porta.md §5 (predefined routes and their dispatch rules), §6 (request bodies in JSON, JSV,
// XML and forms; precedence body < path < query < form), §7 (the format segment).

for (const kind of TEST_DATABASES) {
  describe(`Porta predefined routes (${kind})`, () => {
    let app: TestApp
    let d: CatalogData
    before(async () => {
      app = await startTestApp(kind)
      d = await createCatalogData(app)
    })
    after(async () => { await app.stop() })

    const post = (url: string, payload: string, contentType?: string) =>
      app.http.inject({ method: 'POST', url: `/porta${url}`, payload, headers: contentType ? { 'content-type': contentType } : {} })
    const products = (body: Json) => (body.PortaProducts as Json[] | undefined)?.map((p) => p.IProduct)

    test('POST /jsv/reply/Product with a JSV body answers text/jsv, the same as GET /GetProducts/KEY/GBP', async () => {
      const res = await post('/jsv/reply/Product', `{License:${d.apiKey},Currency:GBP}`, 'text/jsv')
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], 'text/jsv')
      const viaJsv = readJsv<Json>(res.body, ProductResponse).value
      const direct = (await app.http.inject({ method: 'GET', url: `/porta/GetProducts/${d.apiKey}/GBP` })).json()
      assert.deepEqual(products(viaJsv), products(direct))
      assert.deepEqual(products(viaJsv), [d.products.gold])
    })

    test('/api/Product reads the body by Content-Type and negotiates JSON by default', async () => {
      const res = await post('/api/Product', JSON.stringify({ License: d.apiKey, ICustomer: d.customerId }), 'application/json')
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.equal(res.json().NumberOfAccounts, 5, 'rule 11: ICustomer → GetAccounts')
    })

    test('an XML body on /xml/reply/Product is read whatever its Content-Type, and the reply is XML', async () => {
      const xml = `<?xml version="1.0"?><Product xmlns="http://schemas.datacontract.org/2004/07/PortaPlus2.API.Web.Dto" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">`
        + `<License>${d.apiKey}</License><LstIAccounts xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:int>${d.accounts.sip}</d2p1:int></LstIAccounts><name i:nil="true"/></Product>`
      const res = await post('/xml/reply/Product', xml, 'text/plain')
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], 'application/xml')
      assert.match(res.body, /<ProductAddonsInfo><ProductAddon>/)
      assert.equal(res.body.match(/<IAccountProductAddOn>/g)?.length, 2, 'rule 2: LstIAccounts → GetProductAddOnsForMultipleAccounts')
    })

    test('a CSV body is refused with 405 NotSupportedException', async () => {
      const res = await post('/csv/reply/Product', 'License\r\nx\r\n', 'text/csv')
      assert.equal(res.statusCode, 405)
      assert.match(res.body, /NotSupportedException/)
    })

    test('oneway runs the operation and answers 204 without a body; its errors answer as usual', async () => {
      const ok = await post('/json/oneway/Product', JSON.stringify({ License: d.apiKey }))
      assert.equal(ok.statusCode, 204)
      assert.equal(ok.body, '')
      const bad = await post('/json/oneway/Product', JSON.stringify({ License: 'nope' }))
      assert.equal(bad.statusCode, 401)
      assert.equal(bad.json().ResponseStatus.ErrorCode, 'Unauthorized')
    })

    test('Product[] and unknown DTO names are no route', async () => {
      for (const url of ['/json/reply/Product[]', '/json/reply/Other', '/api/Products', '/json/metadata/Product']) {
        const res = await post(url, '{}', 'application/json')
        assert.equal(res.statusCode, 404, url)
        assert.ok(res.body.startsWith('Handler for Request not found (404)'), url)
      }
    })

    describe('dispatch rules (§5)', () => {
      const dispatch = async (fields: Json) => {
        const res = await post('/api/Product', JSON.stringify({ License: d.apiKey, ...fields }), 'application/json')
        assert.equal(res.statusCode, 200, res.body)
        return res.json() as Json
      }
      test('rule 1: FeatureName names the operation, and is echoed', async () => {
        const body = await dispatch({ FeatureName: 'getproductaccounts', IProduct: d.products.gold })
        assert.deepEqual(body.Accounts.map((a: Json) => a.IAccount), [d.accounts.sip, d.accounts.did])
        assert.equal(body.FeatureName, 'getproductaccounts')
      })
      test('rules 3–5: getProductsbySearch, advanced term, MultipleProducts', async () => {
        assert.deepEqual(products(await dispatch({ ICustomer: d.customerId, MultipleProducts: 'sil', getProductsbySearch: true })), [d.products.silver])
        assert.deepEqual((await dispatch({ ICustomer: d.customerId, MultipleProducts: 'grace', GetAccByProdSearchTerm: true })).Accounts.map((a: Json) => a.IAccount), [d.accounts.sip])
        assert.equal((await dispatch({ ICustomer: d.customerId, MultipleProducts: String(d.products.silver) })).NumberOfAccounts, 2)
      })
      test('rules 6–9: assignments, report, INFO by AccountID and by IAccount', async () => {
        assert.equal((await dispatch({ IAccount: d.accounts.sip, isActiveAddon: true })).ProductAddonsInfo.length, 1)
        assert.ok((await dispatch({ fromDate: '2000-01-01', toDate: '2100-01-01' })).PortaProductInfo.length > 0)
        assert.equal((await dispatch({ AccountID: d.logins.did })).AccountInfo.IAccount, d.accounts.did)
        assert.equal((await dispatch({ IAccount: d.accounts.voucher })).AccountInfo.Type, 'Voucher')
      })
      test('rules 10–16: search, accounts, add-ons, reseller, tenant, admin search, the catalogue', async () => {
        assert.deepEqual(products(await dispatch({ ICustomer: d.customerId, searchString: 'gold' })), [d.products.gold])
        assert.deepEqual(products(await dispatch({ IProduct: d.products.gold })), [d.products.intl, d.products.mail])
        assert.deepEqual(products(await dispatch({ ResellerID: d.subResellerId })), [d.products.bronze])
        assert.deepEqual(products(await dispatch({ TenantID: d.subResellerId })), [d.products.bronze])
        assert.deepEqual(products(await dispatch({ searchString: 'intl' })), [d.products.intl])
        assert.deepEqual(products(await dispatch({})), [d.products.gold, d.products.silver])
      })
    })

    describe('binding precedence (§6): body < path < query < form', () => {
      test('a path value overrides the body, a query value the path', async () => {
        // POST routes have no path variables; the body Currency is overridden by the query.
        const res = await post(`/GetAdminProductsBySearchString?Currency=EUR`, JSON.stringify({ License: d.apiKey, Currency: 'GBP' }), 'application/json')
        assert.deepEqual(products(res.json()), [d.products.silver])
        const viaPath = await app.http.inject({ method: 'GET', url: `/porta/GetProducts/${d.apiKey}/EUR?currency=GBP` })
        assert.deepEqual(products(viaPath.json()), [d.products.gold])
        const license = await app.http.inject({ method: 'GET', url: `/porta/GetProducts/wrong-key/EUR?License=${d.apiKey}` })
        assert.equal(license.statusCode, 200, 'a ?License= query value overrides the path value')
      })
      test('form fields override the query', async () => {
        const res = await app.http.inject({
          method: 'POST', url: `/porta/json/reply/Product?Currency=GBP`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `License=${d.apiKey}&Currency=EUR`,
        })
        assert.deepEqual(products(res.json()), [d.products.silver])
      })
      test('a multipart form binds too', async () => {
        const boundary = 'XyZ'
        const payload = `--${boundary}\r\nContent-Disposition: form-data; name="License"\r\n\r\n${d.apiKey}\r\n--${boundary}\r\nContent-Disposition: form-data; name="Currency"\r\n\r\nEUR\r\n--${boundary}--\r\n`
        const res = await app.http.inject({ method: 'POST', url: '/porta/api/Product', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload })
        assert.equal(res.statusCode, 200, res.body)
        assert.deepEqual(products(res.json()), [d.products.silver])
      })
      test('an unconvertible value is 400 SerializationException naming the field', async () => {
        const res = await post('/api/Product', JSON.stringify({ License: d.apiKey, ICustomer: 'abc' }), 'application/json')
        assert.equal(res.statusCode, 400)
        assert.deepEqual(res.json().ResponseStatus.Errors.map((e: Json) => e.FieldName), ['ICustomer'])
      })
    })
  })
}
