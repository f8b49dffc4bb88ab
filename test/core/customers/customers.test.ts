import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { resellerActor, systemActor } from '../../../src/core/actor.ts'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import {
  changeCustomerPassword, countryCodes, deleteCustomer, findCustomerByLogin, getCustomer, getCustomerWithLogin, isCountryCode,
  isLanguageCode, isLoginEmail, isPlainText, languageCodes, meetsPasswordPolicy, modifyCustomer, primaryUserOf, searchCustomers,
  setCustomerStatus, signUpCustomer,
} from '../../../src/core/customers/index.ts'
import { authenticateUserPassword } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

describe('customer value rules', () => {
  test('the country list is the 249 assigned ISO 3166-1 alpha-2 codes', () => {
    assert.equal(countryCodes().length, 249)
    for (const c of ['US', 'gb', 'Ax', 'SS', 'BQ']) assert.ok(isCountryCode(c), c)
    for (const c of ['UK', 'XK', 'EU', 'ZZ', 'USA', '']) assert.ok(!isCountryCode(c), c)
  })

  test('the language list is the 183 ISO 639-1 codes', () => {
    assert.equal(languageCodes().length, 183)
    for (const l of ['en', 'DE', 'zu', 'nb']) assert.ok(isLanguageCode(l), l)
    for (const l of ['xx', 'eng', 'sh', '']) assert.ok(!isLanguageCode(l), l)
  })

  test('emails, passwords and plain text follow the customer rules', () => {
    assert.ok(isLoginEmail('a.b+c@example.co.uk'))
    for (const e of ['a@b', 'a b@c.d', 'a@@b.c', '@b.c', 'a@b.', `${'x'.repeat(125)}@b.c`]) assert.ok(!isLoginEmail(e), e)
    assert.ok(meetsPasswordPolicy('abc12345'))
    for (const p of ['abc1234', 'abcdefgh', '12345678', 'abc 12345', 'abcdefgh123456789']) assert.ok(!meetsPasswordPolicy(p), p)
    assert.ok(isPlainText('Ünïcödé'))
    assert.ok(!isPlainText('tab\there'))
    assert.ok(!isPlainText(''))
    assert.ok(isPlainText('😀'.repeat(255)))
    assert.ok(!isPlainText('😀'.repeat(256)))
  })
})

for (const kind of TEST_DATABASES) {
  describe(`customers (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    const profile = (name = 'Jane') => ({ name, company: 'Acme', city: 'Paris', state: 'IDF', country: 'FR' })

    test('signing up with a login creates the customer and its primary user (lower-case email)', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const { customer, user } = await signUpCustomer(app.core, actor, { profile: profile(), login: { email: 'Jane@Example.com', password: 'secret123' } })
      assert.equal(customer.tenantId, r.id)
      assert.equal(user!.username, 'jane@example.com')
      assert.equal((await primaryUserOf(app.core, customer.id))!.id, user!.id)
      const found = await findCustomerByLogin(app.core, actor, 'JANE@example.com')
      assert.equal(found.customer.id, customer.id)
      const withLogin = await getCustomerWithLogin(app.core, actor, customer.id)
      assert.equal(withLogin.login, 'jane@example.com')
    })

    test('a login is unique per tenant, case-insensitively, including under concurrent signups', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const results = await Promise.allSettled([1, 2, 3].map((i) =>
        signUpCustomer(app.core, actor, { profile: profile(`P${i}`), login: { email: i === 2 ? 'RACE@example.com' : 'race@example.com', password: 'secret123' } })))
      assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1)
      for (const x of results) if (x.status === 'rejected') assert.equal((x.reason as { kind: string; field: string }).kind, 'conflict')
    })

    test('another tenant\'s customer is NotFound by id and by login', async () => {
      const a = await app.reseller()
      const b = await app.reseller()
      const { customer } = await signUpCustomer(app.core, resellerActor(a.id), { profile: profile(), login: { email: 'iso@example.com', password: 'secret123' } })
      await assert.rejects(getCustomer(app.core, resellerActor(b.id), customer.id), { kind: 'not_found' })
      await assert.rejects(getCustomerWithLogin(app.core, resellerActor(b.id), customer.id), { kind: 'not_found' })
      await assert.rejects(findCustomerByLogin(app.core, resellerActor(b.id), 'iso@example.com'), { kind: 'not_found' })
      await assert.rejects(modifyCustomer(app.core, resellerActor(b.id), customer.id, { profile: { name: 'x' } }), { kind: 'not_found' })
      await assert.rejects(deleteCustomer(app.core, resellerActor(b.id), customer.id), { kind: 'not_found' })
      await assert.rejects(setCustomerStatus(app.core, resellerActor(b.id), customer.id, 'suspended'), { kind: 'not_found' })
      await assert.rejects(changeCustomerPassword(app.core, resellerActor(b.id), customer.id, 'hijack123'), { kind: 'not_found' })
      assert.equal((await searchCustomers(app.core, resellerActor(b.id), { ids: [customer.id] }, { pageNo: 1, pageSize: 10 })).total, 0)
      assert.equal((await getCustomer(app.core, systemActor, customer.id)).id, customer.id)
    })

    test('modify renames the login and refuses a taken one', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const a = await signUpCustomer(app.core, actor, { profile: profile('A'), login: { email: 'a@example.com', password: 'secret123' } })
      await signUpCustomer(app.core, actor, { profile: profile('B'), login: { email: 'b@example.com', password: 'secret123' } })
      await assert.rejects(modifyCustomer(app.core, actor, a.customer.id, { profile: {}, loginEmail: 'B@example.com' }), { kind: 'conflict', field: 'username' })
      const c = await modifyCustomer(app.core, actor, a.customer.id, { profile: { city: 'Lyon', address2: null }, loginEmail: 'A2@Example.com' })
      assert.equal(c.city, 'Lyon')
      assert.equal(c.email, 'a2@example.com')
      assert.equal((await getCustomerWithLogin(app.core, actor, a.customer.id)).login, 'a2@example.com')
      await authenticateUserPassword(app.core, 'a2@example.com', 'secret123', { tenantId: r.id })
      const same = await modifyCustomer(app.core, actor, a.customer.id, { profile: {}, loginEmail: 'a2@example.com' })
      assert.equal(same.email, 'a2@example.com')
      assert.equal((await modifyCustomer(app.core, actor, a.customer.id, { profile: { company: 'New' } })).company, 'New')
    })

    test('search filters combine with AND, list filters with OR, and pages by id', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const ids: number[] = []
      for (let i = 0; i < 5; i++) {
        const { customer } = await signUpCustomer(app.core, actor, { profile: { ...profile(`Name${i}`), city: i < 3 ? 'Oslo' : 'Bergen' }, login: { email: `s${i}@example.com`, password: 'secret123' } })
        ids.push(customer.id)
      }
      await setCustomerStatus(app.core, actor, ids[4]!, 'suspended')
      const all = await searchCustomers(app.core, actor, {}, { pageNo: 1, pageSize: 2 })
      assert.equal(all.total, 5)
      assert.deepEqual(all.rows.map((x) => x.customer.id), ids.slice(0, 2))
      assert.equal(all.rows[0]!.login, 's0@example.com')
      assert.deepEqual((await searchCustomers(app.core, actor, {}, { pageNo: 3, pageSize: 2 })).rows.map((x) => x.customer.id), [ids[4]])
      assert.equal((await searchCustomers(app.core, actor, { city: 'osl' }, { pageNo: 1, pageSize: 10 })).total, 3)
      assert.equal((await searchCustomers(app.core, actor, { city: 'o', status: 'active' }, { pageNo: 1, pageSize: 10 })).total, 3)
      assert.equal((await searchCustomers(app.core, actor, { login: 'S1@' }, { pageNo: 1, pageSize: 10 })).total, 1)
      assert.equal((await searchCustomers(app.core, actor, { name: '%' }, { pageNo: 1, pageSize: 10 })).total, 0, 'no LIKE wildcards')
      assert.equal((await searchCustomers(app.core, actor, { ids: [ids[0]!, ids[4]!], status: 'suspended' }, { pageNo: 1, pageSize: 10 })).total, 1)
      assert.equal((await searchCustomers(app.core, actor, { ids: [] }, { pageNo: 1, pageSize: 10 })).total, 0)
      assert.equal((await searchCustomers(app.core, actor, { tenantIds: [r.id] }, { pageNo: 1, pageSize: 10 })).total, 5)
      assert.equal((await searchCustomers(app.core, actor, { totalReceiptsFrom: '0.001' }, { pageNo: 1, pageSize: 10 })).total, 0)
      assert.equal((await searchCustomers(app.core, actor, { createdFrom: new Date(Date.now() + 3_600_000) }, { pageNo: 1, pageSize: 10 })).total, 0)
    })

    test('delete removes the customer, its login and its accounts, freeing the login', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const { customer, user } = await signUpCustomer(app.core, actor, { profile: profile(), login: { email: 'gone@example.com', password: 'secret123' } })
      await authenticateUserPassword(app.core, 'gone@example.com', 'secret123', { tenantId: r.id })
      await deleteCustomer(app.core, actor, customer.id)
      await assert.rejects(getCustomer(app.core, actor, customer.id), { kind: 'not_found' })
      assert.equal((await app.core.db.select().from(accounts).where(eq(accounts.userId, user!.id))).length, 0)
      await assert.rejects(authenticateUserPassword(app.core, 'gone@example.com', 'secret123', { tenantId: r.id }), { kind: 'unauthenticated' })
      const again = await signUpCustomer(app.core, actor, { profile: profile(), login: { email: 'gone@example.com', password: 'secret123' } })
      assert.equal((await app.core.db.select().from(accounts).where(eq(accounts.userId, again.user!.id))).length, 1)
    })

    test('issue 12: delete removes the accounts of the customer, its member phones\' too', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const { customer } = await signUpCustomer(app.core, actor, { profile: profile(), callbackPhone: '+33140000000' })
      assert.deepEqual((await app.core.db.select().from(accounts).where(eq(accounts.customerId, customer.id))).map((a) => [a.type, a.phone]), [['account', '+33140000000']])
      await deleteCustomer(app.core, actor, customer.id)
      assert.equal((await app.core.db.select().from(accounts).where(eq(accounts.customerId, customer.id))).length, 0)
    })

    test('a customer without a login has no password to change', async () => {
      const r = await app.reseller()
      const actor = resellerActor(r.id)
      const { customer } = await signUpCustomer(app.core, actor, { profile: profile() })
      await assert.rejects(changeCustomerPassword(app.core, actor, customer.id, 'secret123'), { kind: 'not_found' })
      assert.equal((await getCustomerWithLogin(app.core, actor, customer.id)).login, null)
    })
  })
}
