import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic, ictcore, porta } from '../../helpers/wire.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

// design.md "One model, five dialects": an account changed through ICTCore is the account Porta
// reads, its catalogue data (product, billing, extension) kept.

for (const kind of TEST_DATABASES) {
  describe(`Porta sees accounts changed through other dialects (${kind})`, () => {
    let app: TestApp
    let d: CatalogData
    let adminAuth: string
    before(async () => {
      app = await startTestApp(kind)
      d = await createCatalogData(app)
      const admin = await app.user(d.resellerId, { roles: ['admin', 'user'] })
      adminAuth = basic(admin.username, admin.password)
    })
    after(async () => { await app.stop() })

    test('an account blocked and renamed through ICTCore is blocked and renamed in Porta, with its product and billing', async () => {
      const put = await ictcore(app.http, 'PUT', `/accounts/${d.accounts.voucher}`, adminAuth, { active: 0, first_name: 'Vera', last_name: 'Voucher' })
      assert.equal(put.status, 200, JSON.stringify(put.body))
      const info = await porta(app.http, `/GetAccountInfoByIAccount/${d.apiKey}/${d.accounts.voucher}`)
      assert.equal(info.status, 200)
      const a = info.body.AccountInfo
      assert.deepEqual([a.Blocked, a.Blockedfield, a.fullname, a.FirstName], [true, 'Y', 'Vera Voucher', 'Vera'])
      assert.deepEqual([a.Type, a.BillingModel, a.IProduct, a.availableBalance], ['Voucher', 'ReChargeVoucher', d.products.silver, 20])
      const blocked = await porta(app.http, `/GetAccountsForMultipleBlockedProducts/${d.apiKey}/${d.customerId}/0/true`)
      assert.ok((blocked.body.Accounts as { IAccount: number }[]).some((x) => x.IAccount === d.accounts.voucher))
    })

    test('a Porta DID account is an ICTCore account of type did with its number', async () => {
      const got = await ictcore(app.http, 'GET', `/dids/${d.accounts.did}`, adminAuth)
      assert.equal(got.status, 200, JSON.stringify(got.body))
      assert.equal(got.body.phone, d.logins.did)
    })

    test('an account deleted through ICTCore is gone from Porta', async () => {
      const del = await ictcore(app.http, 'DELETE', `/accounts/${d.accounts.blocked}`, adminAuth)
      assert.equal(del.status, 200, JSON.stringify(del.body))
      assert.equal((await porta(app.http, `/GetAccountInfoByIAccount/${d.apiKey}/${d.accounts.blocked}`)).status, 404)
      const assigned = await porta(app.http, `/GetPurchasedProductAddons/${d.apiKey}/${d.accounts.blocked}`)
      assert.equal(assigned.status, 404)
    })
  })
}
