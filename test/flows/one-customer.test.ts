import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor } from '../../src/core/actor.ts'
import { addNumbers } from '../../src/core/numbers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { basic, delacon, ictcore, packetera, porta, rcSignupParams, resellerclub } from '../helpers/wire.ts'

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

// Issue 12 point 1 / design.md "One model, five dialects": a customer is one record with one profile
// that every dialect reads and writes, whichever dialect created it.
for (const kind of TEST_DATABASES) {
  describe(`one customer in every dialect (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; username: string; apiKey: string }
    let adminAuth: string
    let other: { id: number; username: string; apiKey: string }
    let otherAdminAuth: string
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      const admin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      adminAuth = basic(admin.username, admin.password)
      other = await app.reseller()
      const otherAdmin = await app.user(other.id, { roles: ['admin', 'user'] })
      otherAdminAuth = basic(otherAdmin.username, otherAdmin.password)
    })
    after(async () => { await app.stop() })

    const member = (email: string, password: string, fields: Record<string, string>) => packetera(app.http, {
      WebUserName: reseller.username, WebUserPassword: reseller.apiKey, UserEmail: email, UserPassword: password, ...fields,
    })
    const rcDetails = async (id: number | string) =>
      (await resellerclub(app.http, 'GET', 'customers/details-by-id', reseller, { 'customer-id': String(id) })).body
    const ictcoreUser = async (email: string) => {
      const res = await ictcore(app.http, 'GET', `/users?username=${encodeURIComponent(email)}`, adminAuth)
      assert.equal(res.body.length, 1, JSON.stringify(res.body))
      return res.body[0] as Record<string, unknown>
    }
    /** Porta GetAccounts of a customer as [AccountId, Type] pairs in IAccount order (`query`: flags such as GetDIDS). */
    const portaAccounts = async (license: string, cid: number | string, query = '') => {
      const res = await porta(app.http, `/GetAccounts/${license}/${cid}${query}`)
      assert.equal(res.status, 200, JSON.stringify(res.body))
      return (res.body.Accounts as Json[]).map((a) => [a.AccountId, a.Type, a.IAccount, a.ICustomer] as [string, string, number, number])
    }
    /** ICTCore GET of a list as the given login sees it. */
    const ictcoreList = async (auth: string, path: string) => {
      const res = await ictcore(app.http, 'GET', path, auth)
      assert.equal(res.status, 200, JSON.stringify(res.body))
      return res.body as Json[]
    }

    test('a ResellerClub customer logs in as a Packetera member and is seen with the same profile by ICTCore', async () => {
      const email = `${uniqueName('rc')}@example.com`
      const signup = await resellerclub(app.http, 'POST', 'customers/signup', reseller, rcSignupParams(email))
      const id = signup.body as number

      const profile = (await member(email, 'Passw0rd1', { TransactionType: '1303' })).body
      assert.equal(profile.Status, 'Success', JSON.stringify(profile))
      assert.equal(profile.MemberID, String(id))
      assert.equal(profile.FirstName, 'Jane')
      assert.equal(profile.LastName, 'Doe')
      assert.equal(profile.CompanyName, 'Doe Ltd')
      assert.equal(profile.Country, 'Australia')
      assert.equal(profile.Active, 'Yes', 'signed up elsewhere, it needs no Packetera activation')
      assert.equal(profile.DefaultPhoneNumber, '+61291234567')

      const user = await ictcoreUser(email)
      assert.equal(user.first_name, 'Jane')
      assert.equal(user.last_name, 'Doe')
      assert.equal(user.company, 'Doe Ltd')
      assert.equal(user.phone, '+61291234567')
    })

    test('ResellerClub customers/modify of a Packetera member renames it for Packetera and ICTCore', async () => {
      const email = `${uniqueName('pk')}@example.com`
      const added = (await member(email, 'member-pw', { TransactionType: '1101', FirstName: 'Ann', LastName: 'Lee', PhoneNumber: '+1 415 555 0100', Corporate: 'No', Country: 'Canada' })).body
      assert.equal(added.Status, 'Success', JSON.stringify(added))
      const id = added.MemberID!

      const modify = await resellerclub(app.http, 'POST', 'customers/modify', reseller, {
        ...rcSignupParams(email), 'customer-id': id, name: 'Annabel Leeds', company: 'Leeds & Co',
      })
      assert.equal(modify.body, true, JSON.stringify(modify.body))

      const profile = (await member(email, 'member-pw', { TransactionType: '1303' })).body
      assert.equal(profile.FirstName, 'Annabel')
      assert.equal(profile.LastName, 'Leeds')
      assert.equal(profile.CompanyName, 'Leeds & Co')
      const user = await ictcoreUser(email)
      assert.equal(user.first_name, 'Annabel')
      assert.equal(user.last_name, 'Leeds')
      assert.equal(user.company, 'Leeds & Co')
    })

    test('a Packetera member shows an ISO country and a 4-digit PIN in ResellerClub; its country text stays in Packetera', async () => {
      const email = `${uniqueName('pk')}@example.com`
      const added = (await member(email, 'member-pw', { TransactionType: '1101', FirstName: 'Ann', LastName: 'Lee', PhoneNumber: '+1 415 555 0100', Corporate: 'No', Country: 'CANADA' })).body
      const details = await rcDetails(added.MemberID!)
      assert.equal(details.country, 'CA')
      assert.match(details.pin, /^[0-9]{4}$/)
      assert.equal(details.name, 'Ann Lee')
      assert.equal(details.telnocc, '1')
      assert.equal(details.telno, '4155550100')
      assert.equal(details.username, email)
      const profile = (await member(email, 'member-pw', { TransactionType: '1303' })).body
      assert.equal(profile.Country, 'CANADA')
    })

    test('a Packetera rename and an ICTCore user change reach ResellerClub through the same profile', async () => {
      const email = `${uniqueName('pk')}@example.com`
      const added = (await member(email, 'member-pw', { TransactionType: '1101', FirstName: 'Bo', LastName: 'Ng', PhoneNumber: '5550100200', Corporate: 'No' })).body
      const id = added.MemberID!
      const activationId = (await member(email, 'member-pw', { TransactionType: '2304' })).body.ActivationID!
      assert.equal((await packetera(app.http, { TransactionType: '2203', ActivationId: activationId })).body.Active, 'Yes')
      const renamed = (await member(email, 'member-pw', { TransactionType: '1202', FirstName: 'Bob' })).body
      assert.equal(renamed.Status, 'Success', JSON.stringify(renamed))
      assert.equal((await rcDetails(id)).name, 'Bob Ng')

      const user = await ictcoreUser(email)
      const put = await ictcore(app.http, 'PUT', `/users/${user.user_id}`, adminAuth, { last_name: 'Nguyen', phone: '+44 20 7946 0958', company: 'Ng Works' })
      assert.equal(put.status, 200, JSON.stringify(put.body))
      const details = await rcDetails(id)
      assert.equal(details.name, 'Bob Nguyen')
      assert.equal(details.company, 'Ng Works')
      assert.equal(details.telnocc, '44')
      assert.equal(details.telno, '2079460958')
      const profile = (await member(email, 'member-pw', { TransactionType: '1303' })).body
      assert.equal(profile.LastName, 'Nguyen')
      assert.equal(profile.CompanyName, 'Ng Works')
    })

    test('a Delacon company shows its region\'s country and a PIN in ResellerClub, and a Delacon rename reaches it', async () => {
      await addNumbers(app.core, systemActor, { region: 'Australia', numberType: '1300', count: 2 })
      const res = await delacon(app.http, 'provision', reseller.apiKey, {
        BusinessName: 'Harbour Plumbing', EmailAddress: 'ops@harbour.example.com', TerminationNumber: '0290001234',
        region: 'Australia', numberType: '1300', numbers: '1', termsCheck: 'on',
      })
      assert.equal(res.body.RESULT, 'OK', JSON.stringify(res.body))
      const cid = res.body.CID!
      const details = await rcDetails(cid)
      assert.equal(details.country, 'AU')
      assert.match(details.pin, /^[0-9]{4}$/)
      assert.equal(details.name, 'Harbour Plumbing')

      const update = await delacon(app.http, `updatecustomer/${cid}`, reseller.apiKey, { BusinessName: 'Harbour Plumbing & Gas' })
      assert.equal(update.body.RESULT, 'OK', JSON.stringify(update.body))
      assert.equal((await rcDetails(cid)).name, 'Harbour Plumbing & Gas')
    })

    test('a login taken through one dialect cannot sign up through another', async () => {
      const email = `${uniqueName('dup')}@example.com`
      await resellerclub(app.http, 'POST', 'customers/signup', reseller, rcSignupParams(email))
      const again = (await member(email.toUpperCase(), 'member-pw', { TransactionType: '1101', FirstName: 'X', LastName: 'Y', PhoneNumber: '5550100200', Corporate: 'No' })).body
      assert.notEqual(again.Status, 'Success')
    })


    test("issue 12: a Delacon company's tracking numbers are DIDs in ICTCore /dids of the reseller's admin and in Porta GetAccounts of its CID", async () => {
      await addNumbers(app.core, systemActor, { region: 'United Kingdom', numberType: '0800', count: 3 })
      const res = await delacon(app.http, 'provision', reseller.apiKey, {
        BusinessName: 'Quay Couriers', EmailAddress: 'desk@quay.example.com', TerminationNumber: '+442079460001',
        region: 'United Kingdom', numberType: '0800', numbers: '2', termsCheck: 'on',
      })
      assert.equal(res.body.RESULT, 'OK', JSON.stringify(res.body))
      const cid = Number(res.body.CID)
      const numbers = res.body.Numbers!.split(', ')
      assert.equal(numbers.length, 2)

      const dids = (await ictcoreList(adminAuth, '/dids')).filter((d) => numbers.includes(d.phone))
      assert.deepEqual(dids.map((d) => [d.type, d.username, d.phone, d.user_id, d.active]), numbers.map((n) => ['did', n, n, null, 1]))
      const one = await ictcore(app.http, 'GET', `/dids/${dids[0]!.account_id}`, adminAuth)
      assert.equal(one.body.phone, numbers[0])

      // Porta: the termination number (the company's callback phone) and the two numbers as DID accounts.
      const accounts = await portaAccounts(reseller.apiKey, cid)
      assert.deepEqual(accounts.map(([id, type, , icustomer]) => [id, type, icustomer]),
        [['+442079460001', 'SIP', cid], [numbers[0], 'DID', cid], [numbers[1], 'DID', cid]])
      assert.deepEqual((await portaAccounts(reseller.apiKey, cid, '?GetDIDS=true')).map(([id]) => id), numbers)
      const info = await porta(app.http, `/GetAccountInfoByIAccount/${reseller.apiKey}/${accounts[1]![2]}`)
      assert.equal(info.status, 200, JSON.stringify(info.body))
      assert.deepEqual([info.body.AccountInfo.AccountId, info.body.AccountInfo.Type, info.body.AccountInfo.ICustomer], [numbers[0], 'DID', cid])

      // Another reseller sees neither the DIDs nor the company.
      assert.equal((await ictcoreList(otherAdminAuth, '/dids')).filter((d) => numbers.includes(d.phone)).length, 0)
      assert.equal((await ictcore(app.http, 'GET', `/dids/${dids[0]!.account_id}`, otherAdminAuth)).status, 404)
      assert.equal((await porta(app.http, `/GetAccounts/${other.apiKey}/${cid}`)).status, 404)
      assert.equal((await porta(app.http, `/GetAccountInfoByIAccount/${other.apiKey}/${accounts[1]![2]}`)).status, 404)
    })

    test('issue 12: a WAIT order filled later by new stock makes the company\'s DIDs appear', async () => {
      const res = await delacon(app.http, 'provision', reseller.apiKey, {
        BusinessName: 'Tide Tours', EmailAddress: 'hello@tide.example.com', TerminationNumber: '+6495551234',
        region: 'New Zealand', numberType: '0508', numbers: '2', termsCheck: 'on',
      })
      assert.equal(res.body.RESULT, 'WAIT', JSON.stringify(res.body))
      const cid = Number(res.body.CID)
      assert.deepEqual(await portaAccounts(reseller.apiKey, cid, '?GetDIDS=true'), [])
      assert.deepEqual((await portaAccounts(reseller.apiKey, cid)).map(([id, type]) => [id, type]), [['+6495551234', 'SIP']])

      const added = await addNumbers(app.core, systemActor, { region: 'New Zealand', numberType: '0508', count: 2 })
      assert.equal(added.fulfilledOrders.length, 1)
      const numbers = added.numbers
      assert.deepEqual((await portaAccounts(reseller.apiKey, cid, '?GetDIDS=true')).map(([id, type]) => [id, type]), numbers.map((n) => [n, 'DID']))
      const dids = (await ictcoreList(adminAuth, '/dids')).filter((d) => numbers.includes(d.phone))
      assert.deepEqual(dids.map((d) => d.username), numbers)
      assert.equal((await ictcoreList(otherAdminAuth, '/dids')).filter((d) => numbers.includes(d.phone)).length, 0)
    })

    test('issue 12: a Packetera 4101 phone is an account of the member in Porta and ICTCore; 4202 changes it and 4404 removes it', async () => {
      const email = `${uniqueName('ph')}@example.com`
      const added = (await member(email, 'member-pw', { TransactionType: '1101', FirstName: 'Cy', LastName: 'Ho', PhoneNumber: '+61 2 9000 1000', Corporate: 'No' })).body
      assert.equal(added.Status, 'Success', JSON.stringify(added))
      const id = added.MemberID!
      const activationId = (await member(email, 'member-pw', { TransactionType: '2304' })).body.ActivationID!
      assert.equal((await packetera(app.http, { TransactionType: '2203', ActivationId: activationId })).body.Active, 'Yes')
      assert.equal((await member(email, 'member-pw', { TransactionType: '4101', PhoneNumber: '+61 2 9000 1001', PhoneName: 'Office' })).body.Status, 'Success')

      // Porta: the login's default account, the default phone and the new one.
      const accounts = await portaAccounts(reseller.apiKey, id)
      assert.deepEqual(accounts.map(([accountId, type]) => [accountId, type]), [[email, 'SIP'], ['+61290001000', 'SIP'], ['+61290001001', 'SIP']])
      const phoneAccount = accounts[2]![2]
      // ICTCore: the member's login owns it, and sees it among its accounts.
      const user = await ictcoreUser(email)
      const owned = await ictcoreList(adminAuth, `/users/${user.user_id}/accounts`)
      assert.deepEqual(owned.filter((a) => a.account_id === phoneAccount).map((a) => [a.type, a.username, a.phone]), [['account', null, '+61290001001']])
      const mine = await ictcoreList(basic(email, 'member-pw'), '/accounts')
      assert.ok(mine.some((a) => a.account_id === phoneAccount), JSON.stringify(mine))

      const changed = (await member(email, 'member-pw', { TransactionType: '4202', PhoneNumber: '+61290001001', NewPhoneNumber: '+61 2 9000 1002' })).body
      assert.equal(changed.Status, 'Success', JSON.stringify(changed))
      assert.deepEqual((await portaAccounts(reseller.apiKey, id)).map(([accountId, , iaccount]) => [accountId, iaccount]).slice(2), [['+61290001002', phoneAccount]])
      assert.equal((await ictcore(app.http, 'GET', `/accounts/${phoneAccount}`, adminAuth)).body.phone, '+61290001002')
      // The number follows its phone: ICTCore neither renumbers nor deletes it.
      assert.equal((await ictcore(app.http, 'PUT', `/accounts/${phoneAccount}`, adminAuth, { phone: '+61290009999' })).status, 423)
      assert.equal((await ictcore(app.http, 'DELETE', `/accounts/${phoneAccount}`, adminAuth)).status, 423)
      // Another reseller does not see it.
      assert.equal((await ictcore(app.http, 'GET', `/accounts/${phoneAccount}`, otherAdminAuth)).status, 404)
      assert.equal((await porta(app.http, `/GetAccountInfoByIAccount/${other.apiKey}/${phoneAccount}`)).status, 404)

      const deleted = (await member(email, 'member-pw', { TransactionType: '4404', PhoneNumber: '+61290001002' })).body
      assert.equal(deleted.Status, 'Success', JSON.stringify(deleted))
      assert.deepEqual((await portaAccounts(reseller.apiKey, id)).map(([accountId]) => accountId), [email, '+61290001000'])
      assert.equal((await ictcore(app.http, 'GET', `/accounts/${phoneAccount}`, adminAuth)).status, 404)
      assert.equal((await porta(app.http, `/GetAccountInfoByIAccount/${reseller.apiKey}/${phoneAccount}`)).status, 404)
    })

    test('issue 12: two members of one reseller may have the same phone, each as its own account', async () => {
      const a = (await member(`${uniqueName('s1')}@example.com`, 'member-pw', { TransactionType: '1101', FirstName: 'A', LastName: 'One', PhoneNumber: '+61 2 9000 2000', Corporate: 'No' })).body
      const b = (await member(`${uniqueName('s2')}@example.com`, 'member-pw', { TransactionType: '1101', FirstName: 'B', LastName: 'Two', PhoneNumber: '+61 2 9000 2000', Corporate: 'No' })).body
      assert.equal(b.Status, 'Success', JSON.stringify(b))
      const ofA = (await portaAccounts(reseller.apiKey, a.MemberID!)).filter(([id]) => id === '+61290002000')
      const ofB = (await portaAccounts(reseller.apiKey, b.MemberID!)).filter(([id]) => id === '+61290002000')
      assert.equal(ofA.length, 1)
      assert.equal(ofB.length, 1)
      assert.notEqual(ofA[0]![2], ofB[0]![2])
    })
  })
}
