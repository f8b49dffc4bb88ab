import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { contacts } from '../../../src/core/contacts/contacts.table.ts'
import { Invalid } from '../../../src/core/errors.ts'
import { getStatistics } from '../../../src/core/statistics/index.ts'
import { actorForUser } from '../../../src/core/users/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

for (const kind of TEST_DATABASES) {
  describe(`getStatistics (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('counts per tenant: another tenant’s rows never show', async () => {
      const t1 = (await app.reseller()).id
      const t2 = (await app.reseller()).id
      const u1 = await app.user(t1)
      await app.user(t2)
      await app.core.db.insert(contacts).values([{ tenantId: t1, userId: u1.id, phone: '15550001' }, { tenantId: t1, userId: u1.id, email: 'a@b.cd' }])
      const s1 = await getStatistics(app.core, resellerActor(t1))
      assert.equal(s1.contactTotal, 2)
      assert.equal(s1.userTotal, 1)
      assert.equal(s1.accountTotal, 1, 'the user’s default account')
      const s2 = await getStatistics(app.core, resellerActor(t2))
      assert.equal(s2.contactTotal, 0)
      assert.equal(s2.userTotal, 1)
      const own = await getStatistics(app.core, await actorForUser(app.core, u1.id))
      assert.equal(own.contactTotal, 2)
      assert.ok(Object.values(own).every((v) => typeof v === 'number'))
    })

    test('bad filters are Invalid for their name', async () => {
      const actor = resellerActor((await app.reseller()).id)
      await assert.rejects(getStatistics(app.core, actor, { since: 'x' }), (e: unknown) => e instanceof Invalid && e.field === 'since')
      await assert.rejects(getStatistics(app.core, actor, { userId: '1.5' }), (e: unknown) => e instanceof Invalid && e.field === 'userId')
      await assert.rejects(getStatistics(app.core, actor, { serviceFlag: '-1' }), (e: unknown) => e instanceof Invalid && e.field === 'serviceFlag')
      assert.equal((await getStatistics(app.core, actor, { since: '99999999999999' })).contactTotal, 0, 'a far future since counts nothing')
    })
  })
}
