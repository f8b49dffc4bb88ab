import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// spec/porta.md §4.2: the product families over the catalogue of catalog-data.ts.

for (const kind of TEST_DATABASES) {
  describe(`Porta product families (${kind})`, () => {
    let app: TestApp
    let d: CatalogData
    before(async () => {
      app = await startTestApp(kind)
      d = await createCatalogData(app)
    })
    after(async () => { await app.stop() })

    const get = async (url: string) => {
      const res = await app.http.inject({ method: 'GET', url: `/porta${url}` })
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as Json
    }
    const ids = (body: Json) => (body.PortaProducts as Json[]).map((p) => p.IProduct)

    test('GetProducts lists the partner\'s main products with their fields, cloned and sub-reseller products left out', async () => {
      const body = await get(`/GetProducts/${d.apiKey}`)
      assert.deepEqual(ids(body), [d.products.gold, d.products.silver])
      assert.deepEqual(body.PortaProducts[0], {
        IProduct: d.products.gold, Name: 'Gold', MaintanenceFee: 9.99, IProductGroup: d.groupId, Description: 'Gold plan', EndUserProductName: 'Gold Voice', addon_priority: 0,
      })
    })

    test('GetProducts filters by Currency ignoring case', async () => {
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}/gbp`)), [d.products.gold])
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}/*`)), [d.products.gold, d.products.silver])
    })

    test('ShowAllResellerProducts adds the sub-resellers\' products; isClonedEnabled the cloned ones', async () => {
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}/GBP/true`)), [d.products.gold, d.products.bronze])
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}/GBP/true?isClonedEnabled=true`)), [d.products.gold, d.products.bronze, d.products.goldClone])
    })

    test('getProductAddon lists add-on products instead; name filters exactly ignoring case', async () => {
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}?getProductAddon=true`)), [d.products.intl, d.products.mail])
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}?name=silver`)), [d.products.silver])
      assert.deepEqual(ids(await get(`/GetProducts/${d.apiKey}?name=silv`)), [])
    })

    test('GetProductsByReseller lists the sub-reseller\'s products; a customer without the reseller role is 404', async () => {
      assert.deepEqual(ids(await get(`/GetProductsByReseller/${d.apiKey}/GBP/${d.subResellerId}`)), [d.products.bronze])
      const res = await app.http.inject({ method: 'GET', url: `/porta/GetProductsByReseller/${d.apiKey}/GBP/${d.customerId}` })
      assert.equal(res.statusCode, 404)
    })

    test('GetProductBySearch searches the products of the customer\'s parent by Name and EndUserProductName', async () => {
      assert.deepEqual(ids(await get(`/GetProductBySearch/${d.apiKey}/*/${d.customerId}/voice`)), [d.products.gold])
      assert.deepEqual(ids(await get(`/GetProductBySearch/${d.apiKey}/*/${d.subCustomerId}/*`)), [d.products.bronze])
      assert.deepEqual(ids(await get(`/GetProductBySearch/${d.apiKey}/GBP/${d.customerId}/gold/true`)), [d.products.gold, d.products.goldClone])
      assert.deepEqual(ids(await get(`/GetProductAddonBySearch/${d.apiKey}/GBP/${d.customerId}/mail/true`)), [d.products.mail])
    })

    test('GetProductAddons lists the add-ons a main product allows by addon_priority, filtered by SearchString', async () => {
      const body = await get(`/GetProductAddons/${d.apiKey}/${d.products.gold}`)
      assert.deepEqual(ids(body), [d.products.intl, d.products.mail])
      assert.deepEqual(body.PortaProducts.map((p: Json) => p.addon_priority), [1, 2])
      assert.deepEqual(ids(await get(`/GetProductAddons/${d.apiKey}/${d.products.silver}`)), [])
      assert.deepEqual(ids(await get(`/GetProductAddons/${d.apiKey}/${d.products.gold}/int`)), [d.products.intl])
      assert.deepEqual(ids(await get(`/GetProductAddons/${d.apiKey}/${d.products.silver}/*/true`)), [d.products.intl, d.products.mail])
    })

    test('GetAllProductAddons with isServiceEnabled keeps add-ons that set a service feature', async () => {
      assert.deepEqual(ids(await get(`/GetAllProductAddons/${d.apiKey}/0/*/true`)), [d.products.intl, d.products.mail])
    })

    test('GetCustomerProducts lists the distinct main products of the customer\'s accounts; GetProductsBySearchString restricts them', async () => {
      assert.deepEqual(ids(await get(`/GetCustomerProducts/${d.apiKey}/${d.customerId}`)), [d.products.gold, d.products.silver])
      assert.deepEqual(ids(await get(`/GetProductsBySearchString/${d.apiKey}/${d.customerId}/sil/true`)), [d.products.silver])
      assert.deepEqual(ids(await get(`/GetProductsBySearchString/${d.apiKey}/${d.customerId}/${d.products.gold}/false`)), [d.products.gold])
    })

    test('GetAdminProductsBySearchString (POST body) searches every visible product, main and add-on', async () => {
      const res = await app.http.inject({ method: 'POST', url: '/porta/GetAdminProductsBySearchString', payload: { License: d.apiKey, searchString: 'o', Currency: 'GBP' } })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(ids(res.json()), [d.products.gold, d.products.bronze, d.products.mail])
    })

    test('getProductsPricebyTenantID: the partner\'s id lists its products, a sub-reseller\'s id its products, another id 404', async () => {
      assert.deepEqual(ids(await get(`/getProductsPricebyTenantID/${d.apiKey}/${d.resellerId}`)),
        [d.products.gold, d.products.silver, d.products.intl, d.products.mail])
      assert.deepEqual(ids(await get(`/getProductsPricebyTenantID/${d.apiKey}/${d.subResellerId}`)), [d.products.bronze])
      // A customer without the reseller role (whose id is not the partner's: both are ids of the same form).
      assert.notEqual(d.subCustomerId, d.resellerId)
      const res = await app.http.inject({ method: 'GET', url: `/porta/getProductsPricebyTenantID/${d.apiKey}/${d.subCustomerId}` })
      assert.equal(res.statusCode, 404)
      const zero = await app.http.inject({ method: 'GET', url: `/porta/getProductsPricebyTenantID/${d.apiKey}/0` })
      assert.equal(zero.statusCode, 400)
      assert.equal(zero.json().ResponseStatus.Errors[0].FieldName, 'TenantID')
    })
  })
}
