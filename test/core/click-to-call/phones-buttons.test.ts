import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
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

    const member = (tenant: number) => addMember(app.core, resellerActor(tenant), {
      email: `pb${++n}@example.com`, password: 'secret-pw', firstName: 'A', lastName: 'B', phone: '5550300001', corporate: false,
    })

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
  })
}
