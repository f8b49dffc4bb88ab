import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// spec/porta.md §4.3 and §10 PortaAccount: the account-list families over catalog-data.ts.

for (const kind of TEST_DATABASES) {
  describe(`Porta account-list families (${kind})`, () => {
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
    const ids = (body: Json) => (body.Accounts as Json[]).map((a) => a.IAccount)
    const byId = (body: Json, id: number) => (body.Accounts as Json[]).find((a) => a.IAccount === id)!

    test('GetAccounts lists the customer\'s open accounts by IAccount, aliases only with Aliases', async () => {
      const body = await get(`/GetAccounts/${d.apiKey}/${d.customerId}`)
      assert.deepEqual(ids(body), [d.accounts.login, d.accounts.sip, d.accounts.blocked, d.accounts.did, d.accounts.voucher])
      assert.equal(body.NumberOfAccounts, 5)
      const withAliases = await get(`/GetAccounts/${d.apiKey}/${d.customerId}/0/true`)
      assert.deepEqual(ids(withAliases), [d.accounts.login, d.accounts.sip, d.accounts.blocked, d.accounts.did, d.accounts.alias, d.accounts.voucher])
    })

    test('a postpaid SIP account carries its product, billing, extension, device, hunt group, features and usage', async () => {
      const sip = byId(await get(`/GetAccounts/${d.apiKey}/${d.customerId}`), d.accounts.sip)
      assert.equal(sip.AccountId, d.logins.sip)
      assert.equal(sip.Type, 'SIP')
      assert.equal(sip.IProduct, d.products.gold)
      assert.equal(sip.ProductName, 'Gold')
      assert.equal(sip.MainProductName, 'Gold')
      assert.equal(sip.BillingModel, 'Credit')
      assert.equal(sip.ISO4217, 'GBP')
      assert.equal(sip.Balance, 12.5)
      assert.equal(sip.CreditLimit, 100)
      assert.equal(sip.availableBalance, 87.5)
      assert.equal(sip.i_c_ext, d.accounts.sip)
      assert.equal(sip.ExtensionNumber, '201')
      assert.equal(sip.i_ua, d.deviceId)
      assert.equal(sip.i_ua_type, 42)
      assert.equal(sip.i_c_group, d.huntGroupId)
      assert.equal(sip.redirect_number, '441130000001', 'forwarding from the current add-on Intl')
      assert.equal(sip.DefaultValidIdentity, '441130000999', 'the account\'s presentation number')
      assert.equal(sip.UMEnabled, 'N', 'the voice-mail add-on is not current yet')
      assert.equal(sip.hideCLI, false)
      assert.equal(sip.fullname, 'Grace Hopper')
      assert.equal(sip.Address, '1 Main St, Leeds, LS1 1AA')
      assert.equal(sip.Town, 'Leeds')
      assert.equal(sip.first_usage_time, '/Date(1706781600000-0000)/')
      assert.equal(sip.last_usage, '/Date(1709634030250-0000)/')
      assert.equal(sip.IEnv, d.resellerId)
      assert.equal(sip.SIPPassword, undefined)
      assert.equal(sip.ServiceFeatures, undefined)
    })

    test('blocked, DID, alias and voucher accounts show their kind and billing model', async () => {
      const body = await get(`/GetAccounts/${d.apiKey}/${d.customerId}/0/true`)
      const blocked = byId(body, d.accounts.blocked)
      assert.deepEqual([blocked.Blocked, blocked.Blockedfield, blocked.BillingModel, blocked.availableBalance, blocked.CreditLimit, blocked.hideCLI],
        [true, 'Y', 'Debit', 3, 0, true])
      const did = byId(body, d.accounts.did)
      assert.deepEqual([did.Type, did.AccountId, did.IProduct], ['DID', d.logins.did, d.products.gold])
      const alias = byId(body, d.accounts.alias)
      assert.deepEqual([alias.Type, alias.IMasterAccount, alias.IProduct, alias.BillingModel, alias.availableBalance],
        ['Alias', d.accounts.sip, d.products.gold, 'Alias', 0])
      const voucher = byId(body, d.accounts.voucher)
      assert.deepEqual([voucher.Type, voucher.BillingModel, voucher.availableBalance], ['Voucher', 'ReChargeVoucher', 20])
    })

    test('ACCT-C restricts to a main product; GetDIDAccounts keeps DID accounts only', async () => {
      assert.deepEqual(ids(await get(`/GetAccounts/${d.apiKey}/${d.customerId}/${d.products.silver}`)), [d.accounts.blocked, d.accounts.voucher])
      assert.deepEqual(ids(await get(`/GetDIDAccounts/${d.apiKey}/${d.customerId}/0/true`)), [d.accounts.did])
      assert.deepEqual(ids(await get(`/GetDIDAccounts/${d.apiKey}/${d.customerId}/0/false`)), ids(await get(`/GetAccounts/${d.apiKey}/${d.customerId}/0`)))
    })

    test('ACCT-M selects by MultipleProducts ids (0 = all) and refuses a bad token', async () => {
      assert.deepEqual(ids(await get(`/GetAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/${d.products.silver}, ${d.products.silver}`)), [d.accounts.blocked, d.accounts.voucher])
      assert.equal((await get(`/GetAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0`)).NumberOfAccounts, 5)
      const bad = await app.http.inject({ method: 'GET', url: `/porta/GetAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/1,x` })
      assert.equal(bad.statusCode, 400)
      assert.equal(bad.json().ResponseStatus.ErrorCode, 'ArgumentException')
      assert.equal(bad.json().ResponseStatus.Errors[0].FieldName, 'MultipleProducts')
    })

    test('term mode matches the product text; ACCT-A also matches account text', async () => {
      assert.deepEqual(ids(await get(`/GetMultipleProductAccountsbyProductSearchString/${d.apiKey}/${d.customerId}/SILV/false/true`)), [d.accounts.blocked, d.accounts.voucher])
      assert.deepEqual(ids(await get(`/GetCustomerAllAccountsByAdvSearchString/${d.apiKey}/${d.customerId}/grace/true`)), [d.accounts.sip])
      assert.deepEqual(ids(await get(`/GetMultiProductAccountsbyProductSearchterm/${d.apiKey}/${d.customerId}/grace/true/false`)), [])
    })

    test('blocked, CLI and ZTP flags filter the accounts', async () => {
      assert.deepEqual(ids(await get(`/GetAccountsForMultipleBlockedProducts/${d.apiKey}/${d.customerId}/0/true`)), [d.accounts.blocked])
      assert.deepEqual(ids(await get(`/GetMultiProductAccountsbyProductSearchterm/${d.apiKey}/${d.customerId}/0/false/true`)), [d.accounts.login, d.accounts.sip, d.accounts.did, d.accounts.voucher])
      assert.deepEqual(ids(await get(`/GetMultiProductAccountsbyZTProductSearchterm/${d.apiKey}/${d.customerId}/0/false/false/true`)), [d.accounts.sip])
      assert.deepEqual(ids(await get(`/GetDIDAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0/true`)), [d.accounts.did])
      assert.deepEqual(ids(await get(`/GetCustomerAllDIDAccountsBySearchTerm/${d.apiKey}/${d.customerId}/gold/true/true`)), [d.accounts.did])
      assert.deepEqual(ids(await get(`/GetCustomerAllDIDAccountsByIProduct/${d.apiKey}/${d.customerId}/${d.products.gold}/true/true`)), [d.accounts.did])
      assert.deepEqual(ids(await get(`/GetDIDAccountsForMultipleProductsbySearchTerm/${d.apiKey}/${d.customerId}/silver/true/true`)), [])
      assert.deepEqual(ids(await get(`/GetAccountsAliasesForMultipleProducts/${d.apiKey}/${d.customerId}/${d.products.gold}/true`)), [d.accounts.sip, d.accounts.did, d.accounts.alias])
    })

    test('paging counts before the page and refuses a page size over 1000', async () => {
      const page = await get(`/GetPagedAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0/2/2/*`)
      assert.deepEqual(ids(page), [d.accounts.blocked, d.accounts.did])
      assert.equal(page.NumberOfAccounts, 5)
      assert.deepEqual(ids(await get(`/GetPagedAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0/9/2/*`)), [])
      assert.deepEqual(ids(await get(`/GetPagedAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0/0/0/hopper`)), [d.accounts.sip])
      const big = await app.http.inject({ method: 'GET', url: `/porta/GetPagedAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0/1/1001/*` })
      assert.equal(big.statusCode, 400)
      assert.equal(big.json().ResponseStatus.Errors[0].FieldName, 'PageOffset')
    })

    test('forACL gives the summary projection', async () => {
      const sip = byId(await get(`/GetAccountsForMultipleProducts/${d.apiKey}/${d.customerId}/0/true`), d.accounts.sip)
      const minValue = '/Date(-62135596800000-0000)/'
      assert.deepEqual(Object.keys(sip).filter((k) => (typeof sip[k] === 'string' && sip[k] !== minValue) || sip[k] === true),
        ['AccountId', 'BillingModel', 'ProductName', 'Type', 'ExtensionNumber', 'fullname'])
      assert.equal(sip.Email, undefined)
      assert.equal(sip.Balance, 0)
      assert.equal(sip.IProduct, d.products.gold)
    })

    test('GetAccountServiceFeatures adds the effective features: flags by name, then attributes', async () => {
      const sip = byId(await get(`/GetAccountsServiceFeatures/${d.apiKey}/${d.customerId}/0/true`), d.accounts.sip)
      assert.deepEqual(sip.ServiceFeatures, [
        { ServiceFeatureName: 'call_forwarding', ServiceAttributeId: 0, ServiceAttributeValue: 'Y' },
        { ServiceFeatureName: 'cli', ServiceAttributeId: 0, ServiceAttributeValue: 'Y' },
        { ServiceFeatureName: 'clir', ServiceAttributeId: 0, ServiceAttributeValue: 'N' },
        { ServiceFeatureName: 'call_forwarding', ServiceAttributeName: 'forward_to', ServiceAttributeId: 1, ServiceAttributeValue: '441130000001' },
        { ServiceFeatureName: 'cli', ServiceAttributeName: 'presentation_number', ServiceAttributeId: 2, ServiceAttributeValue: '441130000999' },
      ])
      const voucher = byId(await get(`/GetMultipleProductAccountsServiceFeatures/${d.apiKey}/${d.customerId}/0/true`), d.accounts.voucher)
      assert.deepEqual(voucher.ServiceFeatures, [])
    })

    test('GetProductAccounts lists the open accounts of a main product in every customer', async () => {
      assert.deepEqual(ids(await get(`/GetProductAccounts/${d.apiKey}/${d.products.gold}`)), [d.accounts.sip, d.accounts.did])
      assert.deepEqual(ids(await get(`/GetProductAccounts/${d.apiKey}/${d.products.bronze}`)), [d.accounts.sub])
    })

    test('unknown customers and products are 404; a 0 subject is 400 naming the field', async () => {
      for (const url of [`/GetAccounts/${d.apiKey}/999999999`, `/GetProductAccounts/${d.apiKey}/999999999`, `/GetAccountsForMultipleProducts/${d.apiKey}/999999999/0`]) {
        const res = await app.http.inject({ method: 'GET', url: `/porta${url}` })
        assert.equal(res.statusCode, 404, url)
        assert.equal(res.json().ResponseStatus.ErrorCode, 'NotFound')
      }
      const zero = await app.http.inject({ method: 'GET', url: `/porta/GetProductAccounts/${d.apiKey}/0` })
      assert.equal(zero.statusCode, 400)
      assert.equal(zero.json().ResponseStatus.Errors[0].FieldName, 'IProduct')
    })
  })
}
