import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor } from '../../src/core/actor.ts'
import { addNumbers } from '../../src/core/numbers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { basic, delacon, ictcore, porta, rcSignupParams, resellerclub } from '../helpers/wire.ts'

// design.md "One model, five dialects": a thing created through one dialect is the row another reads.
for (const kind of TEST_DATABASES) {
  describe(`one core under five dialects (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('a customer signed up through ResellerClub, given an account through ICTCore, is read through Porta', async () => {
      const reseller = await app.reseller()
      const admin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      const adminAuth = basic(admin.username, admin.password)
      const email = `${uniqueName('jane')}@example.com`

      const signup = await resellerclub(app.http, 'POST', 'customers/signup', reseller, rcSignupParams(email))
      assert.equal(signup.status, 200)
      const customerId = signup.body as number
      assert.ok(Number.isInteger(customerId))

      // ICTCore sees the customer's primary login as a user named by the login email.
      const users = await ictcore(app.http, 'GET', `/users?username=${encodeURIComponent(email)}`, adminAuth)
      assert.equal(users.status, 200)
      assert.equal(users.body.length, 1)
      const userId = users.body[0].user_id as number

      const created = await ictcore(app.http, 'POST', '/accounts', adminAuth, {
        type: 'extension', username: `1${Date.now() % 100000}`, passwd: 'sipSecret9', first_name: 'Jane', last_name: 'Doe', email,
      })
      assert.equal(created.status, 200, JSON.stringify(created.body))
      const accountId = created.body as number
      const owned = await ictcore(app.http, 'PUT', `/accounts/${accountId}/users/${userId}`, adminAuth)
      assert.equal(owned.status, 200)
      assert.equal(owned.body.user_id, userId)

      const list = await porta(app.http, `/GetAccounts/${reseller.apiKey}/${customerId}`)
      assert.equal(list.status, 200, JSON.stringify(list.body))
      const ids = (list.body.Accounts as { IAccount: number }[]).map((a) => a.IAccount)
      assert.ok(ids.includes(accountId), `Porta lists account ${accountId} of customer ${customerId}: ${ids}`)

      const info = await porta(app.http, `/GetAccountInfoByIAccount/${reseller.apiKey}/${accountId}`)
      assert.equal(info.status, 200)
      assert.equal(info.body.AccountInfo.IAccount, accountId)
      assert.equal(info.body.AccountInfo.ICustomer, customerId)
      assert.equal(info.body.AccountInfo.SIPPassword, 'sipSecret9')

      const details = await resellerclub(app.http, 'GET', 'customers/details-by-id', reseller, { 'customer-id': String(customerId) })
      assert.equal(details.body.customerid, String(customerId))
      assert.equal(details.body.username, email.toLowerCase())
    })

    test('a Delacon company is a customer that ResellerClub and Porta see too', async () => {
      const reseller = await app.reseller()
      const region = 'Australia'
      await addNumbers(app.core, systemActor, { region, numberType: '1300', count: 3 })
      const res = await delacon(app.http, 'provision', reseller.apiKey, {
        BusinessName: 'Harbour Plumbing', EmailAddress: 'ops@harbour.example.com', TerminationNumber: '+61291234567',
        region, numberType: '1300', numbers: '1', termsCheck: 'on',
      })
      assert.equal(res.body.RESULT, 'OK', JSON.stringify(res.body))
      const cid = res.body.CID!

      const details = await resellerclub(app.http, 'GET', 'customers/details-by-id', reseller, { 'customer-id': cid })
      assert.equal(details.status, 200, JSON.stringify(details.body))
      assert.equal(details.body.name, 'Harbour Plumbing')

      // Issue 12: its callback phone (the termination number) and its tracking number are its accounts.
      const accounts = await porta(app.http, `/GetAccounts/${reseller.apiKey}/${cid}`)
      assert.equal(accounts.status, 200)
      assert.deepEqual((accounts.body.Accounts as { AccountId: string; Type: string; ICustomer: number }[]).map((a) => [a.AccountId, a.Type, a.ICustomer]),
        [['+61291234567', 'SIP', Number(cid)], [res.body.Numbers, 'DID', Number(cid)]])
    })
  })
}
