import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor } from '../../src/core/actor.ts'
import { addNumbers } from '../../src/core/numbers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { basic, delacon, ictcore, packetera, rcSignupParams, resellerclub } from '../helpers/wire.ts'

// Issue 12 point 1 / design.md "One model, five dialects": a customer is one record with one profile
// that every dialect reads and writes, whichever dialect created it.
for (const kind of TEST_DATABASES) {
  describe(`one customer in every dialect (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; username: string; apiKey: string }
    let adminAuth: string
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      const admin = await app.user(reseller.id, { roles: ['admin', 'user'] })
      adminAuth = basic(admin.username, admin.password)
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
  })
}
