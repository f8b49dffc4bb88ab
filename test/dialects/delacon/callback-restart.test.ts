import assert from 'node:assert/strict'
import { rmSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { buildApp, type SwitchboardApp } from '../../../src/app.ts'
import { resellerActor, systemActor } from '../../../src/core/actor.ts'
import { claimDueCallbacks } from '../../../src/core/callbacks/index.ts'
import { getOrderDetail } from '../../../src/core/call-tracking/index.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import { createReseller, updatePartnerSettings } from '../../../src/core/resellers/index.ts'
import type { Database } from '../../../src/db/client.ts'
import { testConfig, testLogger, TEST_DISPATCH } from '../../helpers/app.ts'
import { openTestDatabase, TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { CallbackReceiver } from './callback-receiver.ts'
import { newCustomer, PREFIX } from './delacon-helpers.ts'

// Issue 17 point 2: the callback is sent by the core's delivery path, so it survives a restart of
// the server between attempts, and once ACCEPTED it is never sent again, whatever restarts follow.

for (const kind of TEST_DATABASES) {
  describe(`Delacon callback across server restarts (${kind})`, () => {
    let database: Database
    let receiver: CallbackReceiver
    const config = testConfig({ dispatch: { ...TEST_DISPATCH, callbackTimeoutMs: 2000 } })
    const start = () => buildApp({ config, database, logger: testLogger(), dispatch: true })
    let app: SwitchboardApp | null = null

    before(async () => {
      database = await openTestDatabase(kind)
      receiver = await new CallbackReceiver().start()
    })
    after(async () => {
      await app?.stop()
      await database.close()
      await receiver.stop()
      rmSync(config.dataDir, { recursive: true, force: true })
    })

    test('a restart between attempts: the second attempt follows after the restart; an accepted callback is never sent again', async () => {
      app = await start()
      const { reseller, apiKey } = await createReseller(app.core, { name: 'Restart Partner' })
      await updatePartnerSettings(app.core, systemActor, reseller.id, { 'delacon.callbackUrl': receiver.url('/restart'), 'delacon.callbackRetryDelaysSeconds': [1, 1] })
      receiver.answer('error500')
      const res = await app.http.inject({ method: 'POST', url: `${PREFIX}/provision`, headers: { Auth: apiKey, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(newCustomer({ region: 'JP', numberType: '03', numbers: '1' })).toString() })
      const orderId = Number(res.json().OrderId)
      await addNumbers(app.core, systemActor, { region: 'JP', numberType: '03', count: 1 })
      const read = () => getOrderDetail(app!.core, resellerActor(reseller.id), orderId)
      await until('the first attempt recorded', read, (o) => (o.callback?.attempts.length ?? 0) === 1)
      await app.stop()

      receiver.answer('accept')
      app = await start()
      const order = await until('accepted after the restart', read, (o) => o.callbackStatus === 'accepted')
      assert.deepEqual(order.callback!.attempts.map((a) => [a.attempt, a.outcome]), [[1, 'rejected'], [2, 'accepted']])
      assert.equal(receiver.forOrder(orderId).length, 2)
      await app.stop()

      // Restarted again: the dispatcher runs its loops (and its reaper) several times, and sends nothing more.
      app = await start()
      const dispatcher = app.dispatcher!
      await until('the callback and upkeep loops turned', () => dispatcher.turns, (t) => t.callbacks >= 3 && t.upkeep >= 3)
      assert.equal(receiver.forOrder(orderId).length, 2)
      assert.equal(dispatcher.callbacks.resends, 0)
    })

    test('a sender that dies mid-send: its claim expires, the reaper queues the callback again, and another worker sends it', async () => {
      await app?.stop()
      app = null
      // No dispatcher yet: the callback stays queued until a "worker" claims it and dies.
      const bare = await buildApp({ config, database, logger: testLogger() })
      const { reseller, apiKey } = await createReseller(bare.core, { name: 'Crash Partner' })
      await updatePartnerSettings(bare.core, systemActor, reseller.id, { 'delacon.callbackUrl': receiver.url('/crash') })
      receiver.answer('accept')
      const res = await bare.http.inject({ method: 'POST', url: `${PREFIX}/provision`, headers: { Auth: apiKey, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(newCustomer({ region: 'CN', numberType: '021', numbers: '1' })).toString() })
      const orderId = Number(res.json().OrderId)
      await addNumbers(bare.core, systemActor, { region: 'CN', numberType: '021', count: 1 })
      const [claimed] = await claimDueCallbacks(bare.core, 'dead-worker', 10, 300)
      assert.equal(claimed!.body.startsWith(`OrderID=${orderId}&`), true)
      await bare.stop()
      // The dead worker never answers; a live dispatcher reaps its claim once the lease ran out.
      app = await start()
      const read = () => getOrderDetail(app!.core, resellerActor(reseller.id), orderId)
      const order = await until('accepted after the reaper', read, (o) => o.callbackStatus === 'accepted')
      assert.deepEqual(order.callback!.attempts.map((a) => [a.attempt, a.outcome]), [[1, 'accepted']])
      assert.equal(receiver.forOrder(orderId).length, 1)
      assert.equal(app.dispatcher!.callbacks.resends, 1)
    })
  })
}
