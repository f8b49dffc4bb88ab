import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  clearAccountOwner, createAccount, deleteAccount, deleteAccountSetting, getAccount, getAccountSetting, listAccounts, putAccountSetting, setAccountOwner, updateAccount,
} from '../../../src/core/accounts/index.ts'
import { getCustomerAccount, listCustomerAccounts } from '../../../src/core/accounts/account-directory.ts'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { listPhones } from '../../../src/core/click-to-call/index.ts'
import { Conflict, Forbidden, Invalid, Locked, NotFound } from '../../../src/core/errors.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`core accounts (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('accounts are created owned by the actor, with type rules and encrypted secrets', async () => {
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      const id = await createAccount(app.core, admin, { type: 'extension', username: 'core-ext', passwd: 'dev-secret' })
      const a = await getAccount(app.core, admin, id)
      assert.equal(a.userId, admin.userId)
      assert.equal(a.type, 'extension')
      assert.equal('passwdEnc' in a, false)
      await assert.rejects(createAccount(app.core, admin, { type: 'extension', username: 'core-ext', passwd: 'x' }), Conflict)
      await assert.rejects(createAccount(app.core, admin, { type: 'did' }), (e: Invalid) => e.field === 'phone')
      await assert.rejects(updateAccount(app.core, admin, id, { passwd: '' }), (e: Invalid) => e.field === 'passwd')
    })

    test('settings merge and single-setting operations', async () => {
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      const id = await createAccount(app.core, admin, { settings: { a: '1', b: '2' } })
      await updateAccount(app.core, admin, id, { settings: { a: null, c: '3' } })
      assert.deepEqual((await getAccount(app.core, admin, id)).settings, { b: '2', c: '3' })
      await putAccountSetting(app.core, admin, id, 'd', '4')
      assert.deepEqual(await getAccountSetting(app.core, admin, id, 'd'), { name: 'd', value: '4' })
      await deleteAccountSetting(app.core, admin, id, 'd')
      await assert.rejects(getAccountSetting(app.core, admin, id, 'd'), (e: NotFound) => e.entity === 'Setting')
    })

    test('non-admins see only accounts they own and cannot change owners', async () => {
      const admin = await actorForUser(app.core, (await app.user(null, { roles: ['admin', 'user'] })).id)
      const u = await actorForUser(app.core, (await app.user(null)).id)
      const id = await createAccount(app.core, admin, {})
      await assert.rejects(getAccount(app.core, u, id), NotFound)
      await assert.rejects(setAccountOwner(app.core, u, id, u.userId!), Forbidden)
      await setAccountOwner(app.core, admin, id, u.userId!)
      assert.equal((await getAccount(app.core, u, id)).userId, u.userId)
      assert.ok((await listAccounts(app.core, u)).some((a) => a.id === id))
      await clearAccountOwner(app.core, admin, id)
      await assert.rejects(getAccount(app.core, u, id), NotFound)
    })

    test("an account given to a customer's user appears in that customer's directory (the Porta view)", async () => {
      const r = await app.reseller()
      const reseller = resellerActor(r.id)
      const { customer, user: owner } = await signUpCustomer(app.core, reseller, { profile: { name: 'Dir Co', email: 'dir@example.com' }, login: { email: 'dir@example.com', password: 'secret-1' } })
      const admin = await actorForUser(app.core, (await app.user(r.id, { roles: ['admin', 'user'] })).id)
      const id = await createAccount(app.core, admin, { type: 'did', phone: '+15557770001', passwd: 'sip-pw' })
      await setAccountOwner(app.core, admin, id, owner!.id)
      const listed = await listCustomerAccounts(app.core, reseller, customer.id)
      assert.ok(listed.some((a) => a.id === id))
      assert.equal((await getCustomerAccount(app.core, reseller, id, { withSecret: true })).secret, 'sip-pw')
    })

    test("issue 12: an account created by a customer's user, or given to one, is an account of that customer until given away", async () => {
      const r = await app.reseller()
      const reseller = resellerActor(r.id)
      const { customer, user } = await signUpCustomer(app.core, reseller, { profile: { name: 'Own Co' }, login: { email: 'own@example.com', password: 'secret-1' } })
      // The customer's login, granted account_create (as ICTCore PUT /users/{id}/permissions/{id} would).
      const login = await actorForUser(app.core, user!.id)
      const own = await createAccount(app.core, { ...login, permissions: new Set([...login.permissions, 'account_create']) }, { username: 'own-extra' })
      assert.equal((await getAccount(app.core, reseller, own)).customerId, customer.id)
      assert.ok((await listCustomerAccounts(app.core, reseller, customer.id)).some((a) => a.id === own))

      const admin = await actorForUser(app.core, (await app.user(r.id, { roles: ['admin', 'user'] })).id)
      const staff = await app.user(r.id)
      const given = await createAccount(app.core, admin, { username: 'given' })
      assert.equal((await getAccount(app.core, admin, given)).customerId, null)
      assert.equal((await setAccountOwner(app.core, admin, given, user!.id)).customerId, customer.id)
      assert.equal((await setAccountOwner(app.core, admin, given, staff.id)).customerId, null)
      assert.ok(!(await listCustomerAccounts(app.core, reseller, customer.id)).some((a) => a.id === given))
      await setAccountOwner(app.core, admin, given, user!.id)
      assert.equal((await clearAccountOwner(app.core, admin, given)).customerId, null)
    })

    test('issue 12: the account of a member phone follows the phone: not renumbered, deleted or given to another customer through accounts', async () => {
      const r = await app.reseller()
      const reseller = resellerActor(r.id)
      const { customer } = await signUpCustomer(app.core, reseller, { profile: { name: 'Phone Co' }, login: { email: 'phone@example.com', password: 'secret-1' }, callbackPhone: '+15550001111' })
      const { user: stranger } = await signUpCustomer(app.core, reseller, { profile: { name: 'Other Co' }, login: { email: 'other@example.com', password: 'secret-1' } })
      const [phone] = await listPhones(app.core, reseller, customer.id)
      const id = phone!.accountId
      const admin = await actorForUser(app.core, (await app.user(r.id, { roles: ['admin', 'user'] })).id)
      const follows = (e: unknown) => e instanceof Locked && e.reason === 'Account follows its member phone'
      await assert.rejects(updateAccount(app.core, admin, id, { phone: '+15550002222' }), follows)
      await assert.rejects(updateAccount(app.core, admin, id, { username: 'renamed' }), follows)
      await assert.rejects(deleteAccount(app.core, admin, id), follows)
      assert.equal((await updateAccount(app.core, admin, id, { firstName: 'Front desk', phone: '+15550001111' })).firstName, 'Front desk')
      await assert.rejects(setAccountOwner(app.core, admin, id, stranger!.id), (e: Invalid) => e.field === 'user_id')
      // A tenant user of no customer may hold it; it stays the customer's.
      const staff = await app.user(r.id)
      assert.equal((await setAccountOwner(app.core, admin, id, staff.id)).customerId, customer.id)
      assert.equal((await clearAccountOwner(app.core, admin, id)).customerId, customer.id)
      assert.ok((await listCustomerAccounts(app.core, reseller, customer.id)).some((a) => a.id === id))
    })
  })
}
