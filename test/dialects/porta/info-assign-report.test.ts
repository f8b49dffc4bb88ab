import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// spec/porta.md §4.4: INFO (info-family.ts), ASSIGN (assign-family.ts), REPORT (operations/get-products-list.ts).

for (const kind of TEST_DATABASES) {
  describe(`Porta INFO, ASSIGN and REPORT (${kind})`, () => {
    let app: TestApp
    let d: CatalogData
    before(async () => {
      app = await startTestApp(kind)
      d = await createCatalogData(app)
    })
    after(async () => { await app.stop() })

    const call = (url: string, init: { method?: 'GET' | 'POST'; payload?: object } = {}) =>
      app.http.inject({ method: init.method ?? 'GET', url: `/porta${url}`, payload: init.payload })
    const get = async (url: string) => {
      const res = await call(url)
      assert.equal(res.statusCode, 200, res.body)
      return res.json() as Json
    }

    test('GetAccountInfoByIAccount gives the full projection: SIP secret, current add-ons, hunt groups, features', async () => {
      const info = (await get(`/GetAccountInfoByIAccount/${d.apiKey}/${d.accounts.sip}`)).AccountInfo as Json
      assert.equal(info.VoipPassword, d.secret)
      assert.equal(info.SIPPassword, d.secret)
      assert.equal(info.UIPassword, undefined)
      assert.deepEqual(info.ActiveAddons.map((g: Json) => g.IAccountProductAddOn), [d.assignments.intl])
      assert.equal(info.ActiveAddons[0].ProductAddon, 'Intl')
      assert.equal(info.ServiceFeatures.length, 5)
      assert.equal(info.HGInfo.length, 1)
      const hg = info.HGInfo[0] as Json
      assert.deepEqual([hg.i_c_group, hg.name, hg.id, hg.fullname, hg.hunt_sequence, hg.IAccount, hg.i_customer, hg.i_customerSpecified],
        [d.huntGroupId, 'Sales', '500', 'Sales (500)', 'Simultaneous', d.accounts.sip, d.customerId, true])
      assert.deepEqual(hg.assigned_extensions.map((x: Json) => [x.IAccount, x.id, x.hunt_order, x.hunt_delay, x.hunt_expire, x.primary_group, x.type]),
        [[d.accounts.sip, '201', 1, 0, 20, 'Y', 'Account'], [d.accounts.blocked, '202', 2, 5, 30, 'N', 'Account']])
    })

    test('GetAccountInfoByAccountId finds the account by its exact AccountId', async () => {
      assert.equal((await get(`/GetAccountInfoByAccountId/${d.apiKey}/${d.logins.did}`)).AccountInfo.IAccount, d.accounts.did)
      assert.equal((await call(`/GetAccountInfoByAccountId/${d.apiKey}/${d.logins.sip.toUpperCase()}`)).statusCode, 404)
    })

    test('a closed account is not found; forBLF lists the other accounts with an extension', async () => {
      assert.equal((await call(`/GetAccountInfoByIAccount/${d.apiKey}/${d.accounts.closed}`)).statusCode, 404)
      const blf = await get(`/GetAccountInfoByIAccount/${d.apiKey}/${d.accounts.sip}/true`)
      assert.deepEqual(blf.Accounts.map((a: Json) => [a.IAccount, a.ExtensionNumber, a.i_c_ext]), [[d.accounts.blocked, '202', d.accounts.blocked]])
      assert.equal(blf.NumberOfAccounts, 1)
    })

    test('ASSIGN: all assignments, current and future with getProductAddonFlag, current only with isActiveAddon', async () => {
      const all = await get(`/GetPurchasedProductAddons/${d.apiKey}/${d.accounts.sip}`)
      assert.deepEqual(all.ProductAddonsInfo.map((g: Json) => g.IAccountProductAddOn), [d.assignments.intl, d.assignments.mail])
      const mail = all.ProductAddonsInfo[1] as Json
      assert.deepEqual([mail.IProduct, mail.IAddonProduct, mail.Name, mail.ProductAddon, mail.MaintanenceFee, mail.Currency, mail.i_subscription, mail.Subscription_Fees, mail.IAccount],
        [d.products.mail, d.products.mail, 'Mail', 'Voice Mail', 1.25, 'GBP', d.planId, 5.5, d.accounts.sip])
      assert.equal(mail.effective_from, '/Date(1704067200000-0000)/', 'the account\'s subscription instance period')
      assert.equal((await get(`/GetAssignedProductAddOnstoAccount/${d.apiKey}/${d.accounts.sip}/true`)).ProductAddonsInfo.length, 2)
      assert.deepEqual((await get(`/GetAssignedProductAddOnstoAccount/${d.apiKey}/${d.accounts.blocked}/true`)).ProductAddonsInfo, [])
      assert.equal((await get(`/GetAssignedProductAddOnstoAccount/${d.apiKey}/${d.accounts.blocked}/false`)).ProductAddonsInfo.length, 1)
      const current = await get(`/GetCurrentActiveProductAddons/${d.apiKey}/${d.accounts.sip}/true`)
      assert.deepEqual(current.ProductAddonsInfo.map((g: Json) => g.IAccountProductAddOn), [d.assignments.intl])
    })

    test('GetProductAddOnsForMultipleAccounts reads LstIAccounts, skipping unknown ids, and needs a non-empty list', async () => {
      const res = await call('/GetProductAddOnsForMultipleAccounts', { method: 'POST', payload: { License: d.apiKey, LstIAccounts: [d.accounts.blocked, 999999999, d.accounts.sip] } })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json().ProductAddonsInfo.map((g: Json) => g.IAccountProductAddOn), [d.assignments.intl, d.assignments.mail, d.assignments.past])
      const empty = await call('/GetProductAddOnsForMultipleAccounts', { method: 'POST', payload: { License: d.apiKey } })
      assert.equal(empty.statusCode, 400)
      assert.equal(empty.json().ResponseStatus.Errors[0].FieldName, 'LstIAccounts')
    })

    test('GetProductsList gives a main row and add-on rows per account, closed accounts included', async () => {
      const body = await get(`/GetProductsList/${d.apiKey}/2000-01-01/2100-01-01/false`)
      const rows = body.PortaProductInfo as Json[]
      const sip = rows.filter((r) => r.IAccount === d.accounts.sip)
      assert.deepEqual(sip.map((r) => [r.Charge_type, r.product_ID]), [['Main', d.products.gold], ['Addon', d.products.intl], ['Addon', d.products.mail]])
      const main = sip[0]!
      assert.deepEqual([main.Price, main.Subscription_Fees, main.Fee, main.Currency, main.Product_GroupName, main.Subscription_name, main.id, main.LineIdentity, main.SubscriberName, main.customer_ID, main.reseller_ID],
        [9.99, 5.5, 15.49, 'GBP', 'Voice', 'Monthly', d.logins.sip, '441130000999', 'Grace Hopper', d.customerId, d.resellerId])
      assert.equal(main.BillEnd, '/Date(4102531199999-0000)/', 'an open period ends at the window end')
      const closed = rows.find((r) => r.IAccount === d.accounts.closed)!
      assert.notEqual(closed.TerminationDate, '/Date(-62135596800000-0000)/')
      const sub = rows.find((r) => r.IAccount === d.accounts.sub)!
      assert.deepEqual([sub.subreseller_ID, sub.subreseller], [d.subResellerId, 'Sub Reseller Ltd'])
    })

    test('GetProductsList by activation date, and its date errors', async () => {
      assert.deepEqual((await get(`/GetProductsList/${d.apiKey}/2000-01-01/2000-12-31/true`)).PortaProductInfo, [])
      for (const url of [`/GetProductsList/${d.apiKey}/2024-02-01/2024-01-01/false`, `/GetProductsList/${d.apiKey}/x/2024-01-01/false`]) {
        const res = await call(url)
        assert.equal(res.statusCode, 400, url)
        assert.equal(res.json().ResponseStatus.ErrorCode, 'ArgumentException')
      }
    })
  })
}
