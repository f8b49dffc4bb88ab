import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { resellerActor } from '../../../src/core/actor.ts'
import {
  activateMember, addMember, canonicalGuid, clickToCallMembers, getMember, getMemberProfile, memberPhones, normalisePhone,
  updateMemberName, webButtons,
} from '../../../src/core/click-to-call/index.ts'
import { customers } from '../../../src/core/customers/index.ts'
import { Conflict, Invalid, NotFound } from '../../../src/core/errors.ts'
import { authenticateUserPassword, USER_COLUMNS, userCustomer, users } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const input = (email: string) => ({
  email, password: 'secret-pw', firstName: 'Ada', lastName: 'Lovelace', phone: '+1 (555) 010-0001', corporate: false,
})

describe('click-to-call identifiers', () => {
  test('phones are normalised by removing spaces, dashes, dots and parentheses', () => {
    assert.equal(normalisePhone('+1 (555) 010.0001'), '+15550100001')
    assert.equal(normalisePhone('123456'), null)
    assert.equal(normalisePhone('1234567'), '1234567')
    assert.equal(normalisePhone('+1234567890123456'), null)
    assert.equal(normalisePhone('12+34567'), null)
  })

  test('GUIDs are accepted in any case and canonicalised to upper case', () => {
    assert.equal(canonicalGuid('e633ac9d-b56f-4be9-9eb6-f703e429c738'), 'E633AC9D-B56F-4BE9-9EB6-F703E429C738')
    assert.equal(canonicalGuid('e633ac9db56f4be99eb6f703e429c738'), null)
  })
})

for (const kind of TEST_DATABASES) {
  describe(`click-to-call members (${kind})`, () => {
    let app: TestApp
    let a: number
    let b: number
    before(async () => {
      app = await startTestApp(kind)
      a = (await app.reseller()).id
      b = (await app.reseller()).id
    })
    after(async () => { await app.stop() })

    test('addMember writes the customer, its login, the inactive member, the default phone and button', async () => {
      const m = await addMember(app.core, resellerActor(a), input('Ada@Example.com'))
      const [c] = await app.core.db.select().from(customers).where(eq(customers.id, m.customerId))
      assert.equal(c!.tenantId, a)
      assert.equal(c!.name, 'Ada Lovelace')
      const member = await getMember(app.core, resellerActor(a), m.customerId)
      assert.equal(member.active, false)
      assert.equal(member.activationId, m.activationId)
      const phones = await app.core.db.select().from(memberPhones).where(eq(memberPhones.customerId, m.customerId))
      assert.deepEqual(phones.map((p) => [p.number, p.name, p.isDefault]), [['+15550100001', 'Default', true]])
      const [button] = await app.core.db.select().from(webButtons).where(eq(webButtons.customerId, m.customerId))
      assert.equal(button!.guid, m.defaultButtonGuid)
      assert.deepEqual([button!.name, button!.type, button!.linkText, button!.toolTips, button!.url, button!.templateId, button!.phoneId],
        ['Default', 1, 'Call me', 'Click to request a free callback', '', 1, phones[0]!.id])
      const user = await authenticateUserPassword(app.core, 'ada@example.com', 'secret-pw', { tenantId: a, customerOnly: true })
      assert.equal(user.customerId, m.customerId)
    })

    test('a failure inside addMember leaves nothing half-written', async () => {
      const before = (await app.core.db.select({ id: customers.id }).from(customers)).length
      // The password is refused by the user insert, after the customer row was written in the transaction.
      await assert.rejects(addMember(app.core, resellerActor(a), { ...input('half@example.com'), password: 'x' }), Invalid)
      assert.equal((await app.core.db.select({ id: customers.id }).from(customers)).length, before)
      assert.equal((await app.core.db.select().from(users).where(eq(users.email, 'half@example.com'))).length, 0)
    })

    test('a login email already used in the tenant is a Conflict; another tenant may use it', async () => {
      await addMember(app.core, resellerActor(a), input('dup@example.com'))
      await assert.rejects(addMember(app.core, resellerActor(a), input('DUP@example.com')), Conflict)
      await addMember(app.core, resellerActor(b), input('dup@example.com'))
    })

    test('profiles, names and members of one tenant are NotFound for another', async () => {
      const m = await addMember(app.core, resellerActor(a), input('private@example.com'))
      await assert.rejects(getMemberProfile(app.core, resellerActor(b), m.customerId), NotFound)
      await assert.rejects(getMember(app.core, resellerActor(b), m.customerId), NotFound)
      await assert.rejects(updateMemberName(app.core, resellerActor(b), m.customerId, { firstName: 'X' }), NotFound)
      const p = await getMemberProfile(app.core, resellerActor(a), m.customerId)
      assert.equal(p.firstName, 'Ada')
    })

    test('updateMemberName changes the customer, its display name and its login user', async () => {
      const m = await addMember(app.core, resellerActor(a), input('rename@example.com'))
      await updateMemberName(app.core, resellerActor(a), m.customerId, { lastName: 'King' })
      const [c] = await app.core.db.select().from(customers).where(eq(customers.id, m.customerId))
      assert.deepEqual([c!.firstName, c!.lastName, c!.name], ['Ada', 'King', 'Ada King'])
      // The login user's names are the customer's (USER_COLUMNS), not a copy (docs/decisions.md, issue 12).
      const [u] = await app.core.db.select(USER_COLUMNS).from(users).leftJoin(customers, userCustomer).where(eq(users.id, m.userId))
      assert.deepEqual([u!.firstName, u!.lastName], ['Ada', 'King'])
    })

    test('activateMember is idempotent and accepts any case; unknown ids are NotFound', async () => {
      const m = await addMember(app.core, resellerActor(a), input('act@example.com'))
      assert.deepEqual(await activateMember(app.core, m.activationId.toLowerCase()), { customerId: m.customerId, tenantId: a })
      const [first] = await app.core.db.select().from(clickToCallMembers).where(eq(clickToCallMembers.customerId, m.customerId))
      await activateMember(app.core, m.activationId)
      const [second] = await app.core.db.select().from(clickToCallMembers).where(eq(clickToCallMembers.customerId, m.customerId))
      assert.equal(first!.active, true)
      assert.deepEqual(second!.activatedAt, first!.activatedAt)
      await assert.rejects(activateMember(app.core, '00000000-0000-0000-0000-000000000000'), NotFound)
      await assert.rejects(activateMember(app.core, 'garbage'), NotFound)
    })
  })
}
