import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  clearAccountOwner, createAccount, deleteAccountSetting, getAccount, getAccountSetting, listAccounts, putAccountSetting, setAccountOwner, updateAccount,
} from '../../../src/core/accounts/index.ts'
import { getCustomerAccount, listCustomerAccounts } from '../../../src/core/accounts/account-directory.ts'
import { resellerActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { Conflict, Forbidden, Invalid, NotFound } from '../../../src/core/errors.ts'
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
  })
}
