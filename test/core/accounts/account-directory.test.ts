import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { getCustomerAccount, listCustomerAccounts } from '../../../src/core/accounts/account-directory.ts'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import { resellerActor, systemActor } from '../../../src/core/actor.ts'
import { signUpCustomer } from '../../../src/core/customers/index.ts'
import { NotFound } from '../../../src/core/errors.ts'
import { startTestApp, uniqueName, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`account directory (${kind})`, () => {
    let app: TestApp
    let r1: number
    let r2: number
    let customerId: number
    let userId: number
    let sipId: number
    before(async () => {
      app = await startTestApp(kind)
      r1 = (await app.reseller()).id
      r2 = (await app.reseller()).id
      const { customer, user } = await signUpCustomer(app.core, resellerActor(r1), {
        profile: { name: 'Dir Co' }, login: { email: `${uniqueName('d')}@example.com`, password: 'secret-pass' },
      })
      customerId = customer.id
      userId = user!.id
      const [sip] = await app.core.db.insert(accounts).values({
        tenantId: r1, userId, type: 'account', username: uniqueName('sip'), passwdEnc: app.core.keyring.encrypt('s3cret!'),
      }).returning({ id: accounts.id })
      sipId = sip!.id
    })
    after(async () => { await app.stop() })

    test('lists the accounts of a customer of the tenant in id order, with the customer id', async () => {
      const list = await listCustomerAccounts(app.core, resellerActor(r1), customerId)
      assert.equal(list.length, 2)
      assert.ok(list[0]!.id < list[1]!.id)
      assert.ok(list.every((a) => a.customerId === customerId && a.secret === null && a.tenantId === r1))
    })

    test('a customer without accounts is an empty list, not NotFound', async () => {
      const { customer } = await signUpCustomer(app.core, resellerActor(r1), { profile: { name: 'No login' } })
      assert.deepEqual(await listCustomerAccounts(app.core, resellerActor(r1), customer.id), [])
    })

    test('another tenant\'s customer and non-existent ids are NotFound', async () => {
      await assert.rejects(listCustomerAccounts(app.core, resellerActor(r2), customerId), NotFound)
      await assert.rejects(listCustomerAccounts(app.core, resellerActor(r1), 2_000_000_000), NotFound)
      await assert.rejects(listCustomerAccounts(app.core, resellerActor(r1), 0), NotFound)
      await assert.rejects(listCustomerAccounts(app.core, resellerActor(r1), 2 ** 40), NotFound)
    })

    test('one account decrypts its secret only when asked', async () => {
      const plain = await getCustomerAccount(app.core, resellerActor(r1), sipId)
      assert.equal(plain.secret, null)
      assert.equal(plain.customerId, customerId)
      const full = await getCustomerAccount(app.core, resellerActor(r1), sipId, { withSecret: true })
      assert.equal(full.secret, 's3cret!')
    })

    test('another tenant\'s account is NotFound; the system actor sees every tenant', async () => {
      await assert.rejects(getCustomerAccount(app.core, resellerActor(r2), sipId), NotFound)
      assert.equal((await getCustomerAccount(app.core, systemActor, sipId)).id, sipId)
    })

    test('an account whose owner is not a customer\'s user is NotFound', async () => {
      const u = await app.user(r1)
      const [acc] = await app.core.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.userId, u.id))
      await assert.rejects(getCustomerAccount(app.core, resellerActor(r1), acc!.id), NotFound)
    })

    test('issue 12: an account of a customer without a login (its own customer_id, no owner) is listed and read', async () => {
      const { customer } = await signUpCustomer(app.core, resellerActor(r1), { profile: { name: 'No login Co' } })
      const [did] = await app.core.db.insert(accounts).values({ tenantId: r1, customerId: customer.id, type: 'did', username: '1300555000', phone: '1300555000' })
        .returning({ id: accounts.id })
      assert.deepEqual((await listCustomerAccounts(app.core, resellerActor(r1), customer.id)).map((a) => [a.id, a.customerId, a.type]), [[did!.id, customer.id, 'did']])
      assert.equal((await getCustomerAccount(app.core, resellerActor(r1), did!.id)).customerId, customer.id)
      await assert.rejects(getCustomerAccount(app.core, resellerActor(r2), did!.id), NotFound)
    })

    test("issue 12: an account's own customer wins over its owner's", async () => {
      const { customer: other } = await signUpCustomer(app.core, resellerActor(r1), { profile: { name: 'Other Co' } })
      const [acc] = await app.core.db.insert(accounts).values({ tenantId: r1, userId, customerId: other.id, type: 'account', username: uniqueName('x') })
        .returning({ id: accounts.id })
      assert.ok((await listCustomerAccounts(app.core, resellerActor(r1), other.id)).some((a) => a.id === acc!.id))
      assert.ok(!(await listCustomerAccounts(app.core, resellerActor(r1), customerId)).some((a) => a.id === acc!.id))
      assert.equal((await getCustomerAccount(app.core, resellerActor(r1), acc!.id)).customerId, other.id)
    })
  })
}
