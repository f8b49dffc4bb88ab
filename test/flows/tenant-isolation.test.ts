import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor } from '../../src/core/actor.ts'
import { addNumbers } from '../../src/core/numbers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { basic, delacon, ictcore, packetera, porta, rcSignupParams, resellerclub } from '../helpers/wire.ts'
import { tableSnapshot } from '../helpers/snapshot.ts'

/**
 * Issue 2 point 7: reseller B's credentials never read or change reseller A's rows through any
 * skeleton route. A's rows are created first; every B request is answered as "not found"; A's rows
 * are byte-identical afterwards.
 */
for (const kind of TEST_DATABASES) {
  describe(`tenant isolation across every skeleton route (${kind})`, () => {
    let app: TestApp
    let a: { id: number; username: string; apiKey: string }
    let b: { id: number; username: string; apiKey: string }
    let bAdmin: string
    const A: Record<string, string | number> = {}

    before(async () => {
      app = await startTestApp(kind)
      a = await app.reseller()
      b = await app.reseller()
      const aAdmin = await app.user(a.id, { roles: ['admin', 'user'] })
      const bAdminUser = await app.user(b.id, { roles: ['admin', 'user'] })
      bAdmin = basic(bAdminUser.username, bAdminUser.password)
      A.adminId = aAdmin.id
      A.email = `${uniqueName('iso')}@example.com`
      const signup = await resellerclub(app.http, 'POST', 'customers/signup', a, rcSignupParams(A.email as string))
      A.customerId = signup.body
      const users = await ictcore(app.http, 'GET', `/users?username=${encodeURIComponent(A.email as string)}`, basic(aAdmin.username, aAdmin.password))
      A.userId = users.body[0].user_id
      const acct = await ictcore(app.http, 'POST', '/accounts', basic(aAdmin.username, aAdmin.password), { type: 'extension', username: `7${Date.now() % 100000}`, passwd: 'sipSecret9' })
      A.accountId = acct.body
      await ictcore(app.http, 'PUT', `/accounts/${A.accountId}/users/${A.userId}`, basic(aAdmin.username, aAdmin.password))
      A.memberEmail = `${uniqueName('m')}@example.com`.toLowerCase()
      const card = await packetera(app.http, {
        TransactionType: '1101', WebUserName: a.username, WebUserPassword: a.apiKey, UserEmail: A.memberEmail as string, UserPassword: 'secret12',
        FirstName: 'Ann', LastName: 'Lee', PhoneNumber: '+61291230000', Corporate: 'No',
      })
      assert.equal(card.body.Status, 'Success', JSON.stringify(card.body))
      await addNumbers(app.core, systemActor, { region: 'Australia', numberType: '1800', count: 2 })
      const prov = await delacon(app.http, 'provision', a.apiKey, {
        BusinessName: 'A Co', EmailAddress: 'a@a.example.com', TerminationNumber: '+61291234567', region: 'AU', numberType: '1800', numbers: '1', termsCheck: 'on',
      })
      assert.equal(prov.body.RESULT, 'OK', JSON.stringify(prov.body))
      A.companyId = prov.body.CID!
    })
    after(async () => { await app.stop() })

    test('ICTCore: B\'s admin gets 404 for A\'s users and accounts and never lists them', async () => {
      const before = await tableSnapshot(app.core.db)
      for (const [m, url, body] of [
        ['GET', `/users/${A.adminId}`], ['PUT', `/users/${A.userId}`, { first_name: 'X' }], ['DELETE', `/users/${A.userId}`],
        ['GET', `/users/${A.userId}/delete`], ['PUT', `/users/${A.userId}/password`, { password: 'hijacked1' }],
        ['GET', `/users/${A.userId}/roles`], ['GET', `/users/${A.userId}/accounts`],
        ['GET', `/accounts/${A.accountId}`], ['PUT', `/accounts/${A.accountId}`, { first_name: 'X' }], ['DELETE', `/accounts/${A.accountId}`],
        ['GET', `/extensions/${A.accountId}`], ['DELETE', `/accounts/${A.accountId}/users`],
        ['PUT', `/accounts/${A.accountId}/settings/color`, { value: 'red' }],
      ] as [string, string, unknown?][]) {
        const res = await ictcore(app.http, m, url, bAdmin, body)
        assert.equal(res.status, 404, `${m} ${url} → ${res.status} ${JSON.stringify(res.body)}`)
      }
      const users = await ictcore(app.http, 'GET', '/users', bAdmin)
      assert.ok(!users.body.some((u: { user_id: number }) => u.user_id === A.userId || u.user_id === A.adminId))
      const accounts = await ictcore(app.http, 'GET', '/accounts', bAdmin)
      assert.ok(!accounts.body.some((x: { account_id: number }) => x.account_id === A.accountId))
      assert.deepEqual(await tableSnapshot(app.core.db), before)
    })

    test('ResellerClub: B cannot read, find, or log in as A\'s customer', async () => {
      const aToken = await resellerclub(app.http, 'GET', 'customers/generate-token', a, { username: A.email as string, passwd: 'Passw0rd1', ip: '10.0.0.1' })
      assert.equal(aToken.status, 200)
      const before = await tableSnapshot(app.core.db)
      const byId = await resellerclub(app.http, 'GET', 'customers/details-by-id', b, { 'customer-id': String(A.customerId) })
      assert.deepEqual([byId.status, byId.body], [500, { status: 'ERROR', message: `Invalid customer-id: ${A.customerId}` }])
      const byName = await resellerclub(app.http, 'GET', 'customers/details', b, { username: A.email as string })
      assert.deepEqual(byName.body, { status: 'ERROR', message: `Customer ${A.email} not found` })
      const token = await resellerclub(app.http, 'GET', 'customers/generate-token', b, { username: A.email as string, passwd: 'Passw0rd1', ip: '10.0.0.1' })
      assert.deepEqual(token.body, { status: 'ERROR', message: 'Invalid username or password' })
      const redeem = await resellerclub(app.http, 'GET', 'customers/authenticate-token', b, { token: aToken.body })
      assert.deepEqual(redeem.body, { status: 'ERROR', message: 'Invalid token' })
      assert.deepEqual(await tableSnapshot(app.core.db), before)
    })

    test('Packetera: B\'s web user cannot reach A\'s member', async () => {
      const res = await packetera(app.http, { TransactionType: '1303', WebUserName: b.username, WebUserPassword: b.apiKey, UserEmail: A.memberEmail as string, UserPassword: 'secret12' })
      assert.deepEqual(res.body, { Status: 'Failure', ErrorCode: '1002', ErrorMessage: 'Invalid member credentials' })
      const mixed = await packetera(app.http, { TransactionType: '1303', WebUserName: b.username, WebUserPassword: a.apiKey, UserEmail: A.memberEmail as string, UserPassword: 'secret12' })
      assert.equal(mixed.body.ErrorCode, '1001')
    })

    test('Porta: B\'s License gets 404 for A\'s customers and accounts', async () => {
      for (const path of [`/GetAccounts/${b.apiKey}/${A.customerId}`, `/GetAccountInfoByIAccount/${b.apiKey}/${A.accountId}`, `/GetAccounts/${b.apiKey}/${A.companyId}`]) {
        const res = await porta(app.http, path)
        assert.equal(res.status, 404, path)
        assert.equal(res.body.ResponseStatus.ErrorCode, 'NotFound')
        assert.ok(!JSON.stringify(res.body).includes('sipSecret9'))
      }
    })

    test('Delacon: B cannot order numbers for A\'s company', async () => {
      const before = await tableSnapshot(app.core.db)
      const res = await delacon(app.http, 'provision', b.apiKey, { companyID: String(A.companyId), numbers: '1' })
      assert.equal(res.body.RESULT, 'INVALID')
      assert.match(res.body.MESSAGE!, /companyID not found/)
      assert.deepEqual(await tableSnapshot(app.core.db), before)
    })
  })
}
