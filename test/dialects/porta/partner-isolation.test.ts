import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PORTA_ROUTES } from '../../../src/dialects/porta/operations.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// spec/porta.md §11: every §3 route answers (200 with the owner's License, 401 with a bad one) and
// two partners have disjoint data: every id of A replayed with B's License is 404 (subject ids) or
// matches nothing (lists, filter ids), and nothing of A appears in B's answers.

/** Operations whose IProduct is a subject id (§4.1: ACCT-P, ADDON when non-zero). */
const PRODUCT_SUBJECT = new Set(['GetProductAddons', 'GetAllProductAddons', 'GetProductAccounts'])
const SUBJECT_VARS = ['ICustomer', 'IAccount', 'AccountID', 'TenantID', 'ResellerID']

function urlOf(path: string, d: CatalogData, license: string): string {
  const values: Record<string, string> = {
    License: license, ICustomer: String(d.customerId), IAccount: String(d.accounts.sip), AccountID: d.logins.sip, TenantID: String(d.resellerId),
    ResellerID: String(d.subResellerId), IProduct: String(d.products.gold), MultipleProducts: '0', SearchString: '*', Currency: '*', SearchTerm: '*',
    fromDate: '2000-01-01', ToDate: '2100-01-01', PageNumber: '1', PageOffset: '10',
  }
  return `/porta${path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(values[name] ?? 'false'))}`
}

function bodyOf(path: string, d: CatalogData, license: string): object | undefined {
  if (path === '/GetProductAddOnsForMultipleAccounts') return { License: license, LstIAccounts: Object.values(d.accounts) }
  if (path === '/GetAdminProductsBySearchString') return { License: license }
  return undefined
}

for (const kind of TEST_DATABASES) {
  describe(`Porta: every route, two partners with disjoint data (${kind})`, () => {
    let app: TestApp
    let a: CatalogData
    let b: CatalogData
    before(async () => {
      app = await startTestApp(kind)
      a = await createCatalogData(app)
      b = await createCatalogData(app)
    })
    after(async () => { await app.stop() })

    const call = (verb: string, path: string, d: CatalogData, license: string) => app.http.inject({
      method: verb as 'GET' | 'POST', url: verb === 'POST' ? `/porta${path}` : urlOf(path, d, license), payload: bodyOf(path, d, license),
    })

    for (const r of PORTA_ROUTES) {
      const subject = SUBJECT_VARS.some((v) => r.path.includes(`:${v}`)) || (PRODUCT_SUBJECT.has(r.operation.wireId) && r.path.includes(':IProduct'))
      test(`§3 row ${r.row} ${r.verb} ${r.path}: 200 with the License, 401 without a valid one${subject ? ', 404 for the other partner' : ''}`, async () => {
        const ok = await call(r.verb, r.path, a, a.apiKey)
        assert.equal(ok.statusCode, 200, ok.body)
        assert.equal(ok.json().ResponseStatus, undefined)
        const unauthorized = await call(r.verb, r.path, a, 'not-a-license')
        assert.equal(unauthorized.statusCode, 401, unauthorized.body)
        assert.deepEqual(unauthorized.json(), { ResponseStatus: { ErrorCode: 'Unauthorized', Message: 'Invalid License', Errors: [] } })
        const other = await call(r.verb, r.path, a, b.apiKey)
        if (subject) {
          assert.equal(other.statusCode, 404, other.body)
          assert.deepEqual(Object.keys(other.json()), ['ResponseStatus'])
          assert.equal(other.json().ResponseStatus.ErrorCode, 'NotFound')
          return
        }
        assert.equal(other.statusCode, 200, other.body)
        const body = other.json() as Json
        const aProducts = new Set(Object.values(a.products))
        const aAccounts = new Set(Object.values(a.accounts))
        for (const p of body.PortaProducts ?? []) assert.ok(!aProducts.has(p.IProduct), `A's product ${p.IProduct} seen by B`)
        for (const row of [...body.Accounts ?? [], ...body.PortaProductInfo ?? [], ...body.ProductAddonsInfo ?? []]) {
          assert.ok(!aAccounts.has(row.IAccount), `A's account ${row.IAccount} seen by B`)
        }
      })
    }

    test('B\'s own catalogue answers B, with none of A\'s ids', async () => {
      const res = await app.http.inject({ method: 'GET', url: `/porta/GetProducts/${b.apiKey}` })
      assert.deepEqual(res.json().PortaProducts.map((p: Json) => p.IProduct), [b.products.gold, b.products.silver])
    })
  })
}
