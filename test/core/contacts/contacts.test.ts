import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Actor } from '../../../src/core/actor.ts'
import { createGroup, findOrCreateContact, getContact, linkContact, streamGroupContactIds } from '../../../src/core/contacts/index.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`Contact contracts for transmissions and campaigns (${kind})`, () => {
    let app: TestApp
    let alice: Actor
    let bob: Actor
    before(async () => {
      app = await startTestApp(kind)
      alice = await actorForUser(app.core, (await app.user(null)).id)
      bob = await actorForUser(app.core, (await app.user(null)).id)
    })
    after(async () => { await app.stop() })

    test('findOrCreateContact reuses the actor\'s own contact by normalised phone and creates one otherwise', async () => {
      const a = await findOrCreateContact(app.core, alice, { phone: '+1 (555) 010-2030' })
      assert.equal(a.phone, '+15550102030')
      assert.equal(a.userId, alice.userId)
      assert.equal(a.created, true)
      const again = await findOrCreateContact(app.core, alice, { phone: '+15550102030' })
      assert.deepEqual([again.id, again.created], [a.id, false])
      assert.equal((await findOrCreateContact(app.core.db, alice, { phone: '+1-555-010-2030' })).id, a.id, 'a Db (or transaction) works too')
      const b = await findOrCreateContact(app.core, bob, { phone: '+15550102030' })
      assert.notEqual(b.id, a.id, 'never another user\'s contact')
      const withEmail = await findOrCreateContact(app.core, alice, { phone: '+15550102030', email: 'A@Example.com' })
      assert.notEqual(withEmail.id, a.id, 'phone and email must both match')
      assert.equal((await findOrCreateContact(app.core, alice, { phone: '15550102030'.replace(/^/, '+'), email: 'a@example.com' })).id, withEmail.id)
      assert.equal((await findOrCreateContact(app.core, alice, { email: 'only@example.com' })).phone, null)
      await assert.rejects(findOrCreateContact(app.core, alice, {}), { kind: 'invalid', field: 'phone' })
      await assert.rejects(findOrCreateContact(app.core, alice, { phone: 'x' }), { kind: 'invalid', field: 'phone' })
      await assert.rejects(findOrCreateContact(app.core, alice, { email: 'nope' }), { kind: 'invalid', field: 'email' })
    })

    test('getContact returns a visible contact and NotFound for another user\'s', async () => {
      const c = await findOrCreateContact(app.core, alice, { phone: '5550001111' })
      assert.equal((await getContact(app.core, alice, c.id)).phone, '5550001111')
      await assert.rejects(getContact(app.core, bob, c.id), { kind: 'not_found', entity: 'Contact' })
    })

    test('streamGroupContactIds pages a group\'s contact ids in ascending order', async () => {
      const g = await createGroup(app.core, alice, { name: 'Paged' })
      const ids: number[] = []
      for (let i = 0; i < 5; i++) {
        const c = await findOrCreateContact(app.core, alice, { phone: `55512340${i}` })
        await linkContact(app.core, alice, c.id, g)
        ids.push(c.id)
      }
      const seen: number[] = []
      for (let after = 0, page = await streamGroupContactIds(app.core.db, g, 0, 2); page.length; page = await streamGroupContactIds(app.core.db, g, after, 2)) {
        seen.push(...page)
        after = page[page.length - 1]!
      }
      assert.deepEqual(seen, [...ids].sort((x, y) => x - y))
    })
  })
}
