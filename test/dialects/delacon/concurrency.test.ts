import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor, resellerActor } from '../../../src/core/actor.ts'
import { getOrder } from '../../../src/core/call-tracking/index.ts'
import { addNumbers, poolLevels } from '../../../src/core/numbers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { newCustomer, postForm } from './delacon-helpers.ts'

// On PostgreSQL these requests run in parallel transactions on a pool of connections; the pool-row
// lock must keep every number with exactly one order. On PGlite they interleave on one connection.
for (const kind of TEST_DATABASES) {
  describe(`Delacon provisioning under concurrency (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('concurrent orders never receive the same number and the stock is used exactly', async () => {
      const partners = await Promise.all([app.reseller(), app.reseller(), app.reseller()])
      const { numbers: stock } = await addNumbers(app.core, systemActor, { region: 'US', numberType: '415', count: 40 })
      const requests = Array.from({ length: 24 }, (_, i) =>
        postForm(app, '/provision', partners[i % 3]!.apiKey, newCustomer({ region: 'US', numberType: '415', numbers: '2', BusinessName: `Co ${i}` })))
      const replies = (await Promise.all(requests)).map((r) => r.json())
      const ok = replies.filter((r) => r.RESULT === 'OK')
      const waiting = replies.filter((r) => r.RESULT === 'WAIT')
      assert.equal(ok.length, 20)
      assert.equal(waiting.length, 4)
      const given = ok.flatMap((r) => String(r.Numbers).split(', '))
      assert.equal(new Set(given).size, 40)
      assert.deepEqual([...given].sort(), [...stock].sort())
      assert.equal(new Set(replies.map((r) => r.OrderId)).size, 24)
      assert.equal(new Set(replies.map((r) => r.CID)).size, 24)
      // Orders are numbered under the pool lock, so every OK order is older than every WAIT order.
      const maxOk = Math.max(...ok.map((r) => Number(r.OrderId)))
      assert.ok(waiting.every((r) => Number(r.OrderId) > maxOk))
      assert.deepEqual(await poolLevels(app.core, systemActor, { region: 'US', numberType: '415' }), { free: 0, allocated: 40 })
    })

    test('stock added while orders race serves the waiting ones oldest first, each number once', async () => {
      const p = await app.reseller()
      await addNumbers(app.core, systemActor, { region: 'US', numberType: '617', count: 5 })
      const orders = Array.from({ length: 10 }, (_, i) =>
        postForm(app, '/provision', p.apiKey, newCustomer({ region: 'US', numberType: '617', numbers: '1', BusinessName: `Race ${i}` })))
      const adds = [addNumbers(app.core, systemActor, { region: 'US', numberType: '617', count: 3 }), addNumbers(app.core, systemActor, { region: 'US', numberType: '617', count: 4 })]
      const replies = (await Promise.all(orders)).map((r) => r.json())
      await Promise.all(adds)
      const all = await Promise.all(replies.map((r) => getOrder(app.core, resellerActor(p.id), Number(r.OrderId))))
      assert.ok(all.every((o) => o.status === 'OK'), 'all 10 orders end OK with 12 numbers in stock')
      const numbers = all.flatMap((o) => o.numbers)
      assert.equal(new Set(numbers).size, 10)
      assert.deepEqual(await poolLevels(app.core, systemActor, { region: 'US', numberType: '617' }), { free: 2, allocated: 10 })
    })
  })
}
