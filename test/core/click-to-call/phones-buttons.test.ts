import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { eq } from 'drizzle-orm'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import { resellerActor } from '../../../src/core/actor.ts'
import {
  addButton, addMember, addPhone, buttonTeleform, changeTemplate, deleteButton, deletePhone, getButton, listPhones,
  setButtonAttribute, setTeleformAttribute, updateButton, updatePhone,
} from '../../../src/core/click-to-call/index.ts'
import { Conflict, Invalid, Locked, NotFound } from '../../../src/core/errors.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

let n = 0
for (const kind of TEST_DATABASES) {
  describe(`click-to-call phones and buttons (${kind})`, () => {
    let app: TestApp
    let a: number
    let b: number
    before(async () => {
      app = await startTestApp(kind)
      a = (await app.reseller()).id
      b = (await app.reseller()).id
    })
    after(async () => { await app.stop() })

    const member = async (tenant: number) => {
      const email = `pb${++n}@example.com`
      const m = await addMember(app.core, resellerActor(tenant), {
        email, password: 'secret-pw', firstName: 'A', lastName: 'B', phone: '5550300001', corporate: false,
      })
      return { ...m, email }
    }

    test('phones are unique per member after normalisation and keep creation order', async () => {
      const m = await member(a)
      const actor = resellerActor(a)
      await addPhone(app.core, actor, m.customerId, { number: '555-030-0002', name: 'Two' })
      await assert.rejects(addPhone(app.core, actor, m.customerId, { number: '(555) 030 0002', name: 'Again' }), Conflict)
      await assert.rejects(addPhone(app.core, actor, m.customerId, { number: 'x', name: 'Bad' }), Invalid)
      assert.deepEqual((await listPhones(app.core, actor, m.customerId)).map((p) => p.number), ['5550300001', '5550300002'])
      await assert.rejects(updatePhone(app.core, actor, m.customerId, '5550300002', { newNumber: '5550300001' }), Conflict)
      const u = await updatePhone(app.core, actor, m.customerId, '5550300002', { newName: 'Renamed' })
      assert.equal(u.name, 'Renamed')
    })

    test('the default phone and a phone a button uses cannot be deleted', async () => {
      const m = await member(a)
      const actor = resellerActor(a)
      await assert.rejects(deletePhone(app.core, actor, m.customerId, '5550300001'), (e) => e instanceof Locked && e.reason === 'default phone')
      await addPhone(app.core, actor, m.customerId, { number: '5550300003', name: 'Three' })
      const btn = await addButton(app.core, actor, m.customerId, { phone: '5550300003' })
      await assert.rejects(deletePhone(app.core, actor, m.customerId, '5550300003'), (e) => e instanceof Locked && e.reason === 'phone in use')
      await updateButton(app.core, actor, m.customerId, btn.guid, { phone: '5550300001' })
      await deletePhone(app.core, actor, m.customerId, '5550300003')
      assert.equal((await listPhones(app.core, actor, m.customerId)).length, 1)
    })

    test('buttons: defaults, attributes, teleform look over the template, default button locked', async () => {
      const m = await member(a)
      const actor = resellerActor(a)
      const btn = await addButton(app.core, actor, m.customerId, {})
      assert.deepEqual([btn.name, btn.type, btn.linkText, btn.templateId, btn.phoneNumber], ['Web Button', 1, 'Call me', 1, '5550300001'])
      assert.deepEqual(await setButtonAttribute(app.core, actor, m.customerId, btn.guid, 'LINKTEXT', null), { name: 'LinkText', value: 'Call me' })
      await assert.rejects(setButtonAttribute(app.core, actor, m.customerId, btn.guid, 'Type', '7'), (e) => e instanceof Invalid && e.field === 'attributeValue')
      await setTeleformAttribute(app.core, actor, m.customerId, btn.guid, 'width', '640')
      await changeTemplate(app.core, actor, m.customerId, btn.guid, 4)
      const look = buttonTeleform(await getButton(app.core, actor, m.customerId, btn.guid))
      assert.deepEqual([look.width, look.height, look.backgroundcolour, look.template.name], [640, 350, '#222222', 'dark'])
      await assert.rejects(changeTemplate(app.core, actor, m.customerId, btn.guid, 5), NotFound)
      await assert.rejects(deleteButton(app.core, actor, m.customerId, m.defaultButtonGuid), Locked)
      await deleteButton(app.core, actor, m.customerId, btn.guid)
      await assert.rejects(getButton(app.core, actor, m.customerId, btn.guid), NotFound)
    })

    test('another tenant reaches neither the phones nor the buttons', async () => {
      const m = await member(a)
      const intruder = resellerActor(b)
      await assert.rejects(getButton(app.core, intruder, m.customerId, m.defaultButtonGuid), NotFound)
      await assert.rejects(addPhone(app.core, intruder, m.customerId, { number: '5550300099', name: 'x' }), NotFound)
      await assert.rejects(addButton(app.core, intruder, m.customerId, {}), NotFound)
      await assert.rejects(deletePhone(app.core, intruder, m.customerId, '5550300001'), NotFound)
      assert.deepEqual(await listPhones(app.core, intruder, m.customerId), [])
    })

    const accountRow = async (id: number) => (await app.core.db.select().from(accounts).where(eq(accounts.id, id)))[0]
    const customerAccounts = async (customerId: number) =>
      (await app.core.db.select().from(accounts).where(eq(accounts.customerId, customerId)).orderBy(accounts.id)).map((x) => [x.type, x.username, x.phone])

    test('issue 12: every phone is an account of the member, owned by its login; renumbered with it, deleted with it', async () => {
      const m = await member(a)
      const actor = resellerActor(a)
      const [first] = await listPhones(app.core, actor, m.customerId)
      const def = await accountRow(first!.accountId)
      assert.deepEqual([def?.tenantId, def?.customerId, def?.userId, def?.type, def?.username, def?.phone], [a, m.customerId, m.userId, 'account', null, '5550300001'])

      const added = await addPhone(app.core, actor, m.customerId, { number: '555 030 0010', name: 'Ten' })
      const acc = await accountRow(added.accountId)
      assert.deepEqual([acc?.tenantId, acc?.customerId, acc?.userId, acc?.type, acc?.username, acc?.phone], [a, m.customerId, m.userId, 'account', null, '5550300010'])
      await assert.rejects(addPhone(app.core, actor, m.customerId, { number: '5550300010', name: 'Again' }), Conflict)
      assert.deepEqual(await customerAccounts(m.customerId), [['account', m.email, '5550300001'], ['account', null, '5550300001'], ['account', null, '5550300010']],
        'a refused phone leaves no account behind')

      await updatePhone(app.core, actor, m.customerId, '5550300010', { newName: 'Renamed' })
      await updatePhone(app.core, actor, m.customerId, '5550300010', { newNumber: '+1 555 030 0011' })
      assert.equal((await accountRow(added.accountId))?.phone, '+15550300011')
      await assert.rejects(updatePhone(app.core, actor, m.customerId, '+15550300011', { newNumber: '5550300001' }), Conflict)
      assert.equal((await accountRow(added.accountId))?.phone, '+15550300011', 'a refused change leaves the account as it was')

      await deletePhone(app.core, actor, m.customerId, '+15550300011')
      assert.equal(await accountRow(added.accountId), undefined)
      await assert.rejects(deletePhone(app.core, actor, m.customerId, '5550300001'), Locked)
      assert.ok(await accountRow(first!.accountId), 'a refused delete keeps the account')
    })

    test('issue 12: two members of one tenant with the same phone each have their own account', async () => {
      const m1 = await member(a)
      const m2 = await member(a)
      const [p1] = await listPhones(app.core, resellerActor(a), m1.customerId)
      const [p2] = await listPhones(app.core, resellerActor(a), m2.customerId)
      assert.equal(p1!.number, p2!.number)
      assert.notEqual(p1!.accountId, p2!.accountId)
      assert.equal((await accountRow(p2!.accountId))?.customerId, m2.customerId)
    })
  })
}
