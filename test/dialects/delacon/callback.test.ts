import assert from 'node:assert/strict'
import { createHmac, randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { systemActor, resellerActor } from '../../../src/core/actor.ts'
import { getOrderDetail, type OrderDetail } from '../../../src/core/call-tracking/index.ts'
import { notificationOf } from '../../../src/core/notifications/index.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import { updatePartnerSettings, type PartnerSettingsPatch } from '../../../src/core/resellers/index.ts'
import { listSandboxSends } from '../../../src/core/sandbox/index.ts'
import { startTestApp, TEST_DISPATCH, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { sweepSecret } from '../../helpers/secret-sweep.ts'
import { CallbackReceiver } from './callback-receiver.ts'
import { FAIL_TEXT, newCustomer, postForm } from './delacon-helpers.ts'

// Issue 17 points 2-4 and 6: the post-provisioning callback (spec/delacon.md §9) against a real
// HTTP receiver, the order-summary email, WAIT orders filled first-in first-out, timed out, failed.

const CALLBACK_TIMEOUT_MS = 2000

for (const kind of TEST_DATABASES) {
  describe(`Delacon post-provisioning callback (${kind})`, () => {
    let app: TestApp
    let receiver: CallbackReceiver
    const adminToken = randomBytes(24).toString('base64url')
    const bearer = { authorization: `Bearer ${adminToken}` }

    before(async () => {
      receiver = await new CallbackReceiver().start()
      app = await startTestApp(kind, { dispatch: { ...TEST_DISPATCH, callbackTimeoutMs: CALLBACK_TIMEOUT_MS } }, { dispatch: true, adminToken })
    })
    after(async () => {
      await app.stop()
      await receiver.stop()
    })

    /** A partner whose callbacks go to the receiver (plus `settings`). */
    async function partner(settings: PartnerSettingsPatch = {}, path = `/cb/${randomBytes(3).toString('hex')}`) {
      const r = await app.reseller()
      const view = await updatePartnerSettings(app.core, systemActor, r.id, { 'delacon.callbackUrl': receiver.url(path), ...settings })
      const secret = view.shownOnce?.['delacon.callbackSecret']
      if (secret) sweepSecret(secret)
      return { ...r, path, secret }
    }
    const waitOrder = async (key: string, fields: Record<string, string>) => {
      const body = (await postForm(app, '/provision', key, newCustomer(fields))).json()
      assert.equal(body.RESULT, 'WAIT', JSON.stringify(body))
      return { orderId: Number(body.OrderId), cid: Number(body.CID) }
    }
    const orderOf = (resellerId: number, id: number) => getOrderDetail(app.core, resellerActor(resellerId), id)
    const settled = (resellerId: number, id: number) =>
      until(`order ${id}'s callback settled`, () => orderOf(resellerId, id), (o: OrderDetail) => o.callbackStatus === 'accepted' || o.callbackStatus === 'failed')

    test('a WAIT order filled by new stock POSTs the §9 form, signed, and is accepted once', async () => {
      const p = await partner({ 'delacon.callbackSecret': true })
      receiver.answer('accept')
      const { orderId, cid } = await waitOrder(p.apiKey, { region: 'AU', numberType: '08', numbers: '2', orderSummaryEmail: 'orders@partner.example' })
      const { numbers } = await addNumbers(app.core, systemActor, { region: 'AU', numberType: '08', count: 2 })
      const order = await settled(p.id, orderId)
      assert.equal(order.callbackStatus, 'accepted')
      const [req, ...more] = receiver.forOrder(orderId)
      assert.equal(more.length, 0)
      assert.equal(req!.method, 'POST')
      assert.equal(req!.path, p.path)
      assert.equal(req!.headers['content-type'], 'application/x-www-form-urlencoded')
      assert.equal(req!.body, `OrderID=${orderId}&Result=OK&Message=Numbers%3A+${numbers[0]}%2C+${numbers[1]}`)
      assert.equal(req!.headers['x-switchboard-signature'], `sha256=${createHmac('sha256', p.secret!).update(req!.body).digest('hex')}`)
      assert.deepEqual(order.callback!.attempts.map((a) => [a.round, a.attempt, a.httpStatus, a.reply, a.outcome, a.error, a.url]),
        [[1, 1, 200, '{"RESULT":"ACCEPTED"}', 'accepted', null, receiver.url(p.path)]])
      // The order-summary email (§5 rule 6) with the order's numbers and company.
      const email = await until('the summary email', () => notificationOf(app.core, order.summaryTransmissionId!), (n) => n?.status === 'completed')
      assert.equal(email!.to, 'orders@partner.example')
      assert.match(email!.text, new RegExp(`Company: Acme Plumbing \\(CID ${cid}\\)`))
      assert.match(email!.text, new RegExp(`Numbers: ${numbers[0]}, ${numbers[1]}`))
      const [sent] = await listSandboxSends(app.core, { transmissionId: order.summaryTransmissionId! })
      assert.equal(sent!.destination, 'orders@partner.example')
      // Through the native API, with its attempts.
      const res = await app.http.inject({ method: 'GET', url: `/native/delacon/orders/${orderId}`, headers: bearer })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().callback.attempts[0].outcome, 'accepted')
      assert.ok(!res.body.includes(p.secret!))
    })

    for (const [answer, outcome, status] of [['error500', 'rejected', 500], ['garbage', 'rejected', 200], ['reject', 'rejected', 200], ['accept-html', 'accepted', 200], ['hang', 'error', null]] as const) {
      test(`a receiver that answers ${answer}: ${outcome === 'accepted' ? 'accepted (JSON by its body)' : 'three attempts, then failed, listed, and re-sent'}`, async () => {
        const p = await partner({ 'delacon.callbackRetryDelaysSeconds': [0, 0] })
        receiver.answer(answer)
        const pool = { region: 'NZ', numberType: answer === 'hang' ? '04' : answer === 'garbage' ? '06' : answer === 'reject' ? '07' : answer === 'accept-html' ? '0508' : '09' }
        const { orderId } = await waitOrder(p.apiKey, { ...pool, numbers: '1' })
        await addNumbers(app.core, systemActor, { ...pool, count: 1 })
        const order = await settled(p.id, orderId)
        const attempts = order.callback!.attempts
        if (outcome === 'accepted') {
          assert.deepEqual(attempts.map((a) => a.outcome), ['accepted'])
          return
        }
        assert.equal(order.callbackStatus, 'failed')
        assert.deepEqual(attempts.map((a) => [a.round, a.attempt, a.outcome, a.httpStatus]), [[1, 1, outcome, status], [1, 2, outcome, status], [1, 3, outcome, status]])
        if (answer === 'hang') assert.match(attempts[0]!.error!, /timeout/)
        else assert.equal(attempts[0]!.error, null)
        assert.equal(receiver.forOrder(orderId).length, 3)
        const failed = await app.http.inject({ method: 'GET', url: `/native/delacon/orders?callbackStatus=failed&resellerId=${p.id}`, headers: bearer })
        assert.deepEqual(failed.json().items.map((o: { id: number }) => o.id), [orderId])
        assert.equal(failed.json().total, 1)
        receiver.answer('accept')
        const resent = await app.http.inject({ method: 'POST', url: `/native/delacon/orders/${orderId}/callback`, headers: bearer })
        assert.equal(resent.statusCode, 202, resent.body)
        const done = await settled(p.id, orderId)
        assert.equal(done.callbackStatus, 'accepted')
        assert.deepEqual(done.callback!.attempts.at(-1)!.round, 2)
        const again = await app.http.inject({ method: 'POST', url: `/native/delacon/orders/${orderId}/callback`, headers: bearer })
        assert.deepEqual([again.statusCode, again.json()], [409, { error: 'Order callback has not failed' }])
      })
    }

    test('ACCEPTED on the third try, each retry after its configured delay', async () => {
      const p = await partner({ 'delacon.callbackRetryDelaysSeconds': [1, 1] })
      receiver.answer('error500', 'garbage', 'accept')
      const { orderId } = await waitOrder(p.apiKey, { region: 'AU', numberType: '07', numbers: '1' })
      await addNumbers(app.core, systemActor, { region: 'AU', numberType: '07', count: 1 })
      const order = await settled(p.id, orderId)
      assert.equal(order.callbackStatus, 'accepted')
      assert.deepEqual(order.callback!.attempts.map((a) => [a.attempt, a.outcome]), [[1, 'rejected'], [2, 'rejected'], [3, 'accepted']])
      const times = receiver.forOrder(orderId).map((r) => r.at)
      assert.equal(times.length, 3)
      assert.ok(times[1]! - times[0]! >= 950 && times[2]! - times[1]! >= 950, `gaps ${times[1]! - times[0]!} ${times[2]! - times[1]!}`)
    })

    test('waiting orders are filled first-in first-out as stock arrives one number at a time, each calling back', async () => {
      const p = await partner()
      receiver.answer('accept')
      const pool = { region: 'UK', numberType: '0113' }
      const first = await waitOrder(p.apiKey, { ...pool, numbers: '2' })
      const second = await waitOrder(p.apiKey, { ...pool, numbers: '1' })
      const third = await waitOrder(p.apiKey, { ...pool, numbers: '1' })
      const served: number[][] = []
      for (let i = 0; i < 4; i++) served.push((await addNumbers(app.core, systemActor, { ...pool, count: 1 })).fulfilledOrders)
      // One number: nothing (the first wants two, and the others wait behind it); then the first, the second, the third.
      assert.deepEqual(served, [[], [first.orderId], [second.orderId], [third.orderId]])
      for (const o of [first, second, third]) assert.equal((await settled(p.id, o.orderId)).callbackStatus, 'accepted')
      const order = receiver.received.filter((r) => r.path === p.path).map((r) => Number(new URLSearchParams(r.body).get('OrderID')))
      assert.deepEqual(order, [first.orderId, second.orderId, third.orderId])
    })

    test('a WAIT order past its partner timeout fails, tells the partner, and sends its summary email', async () => {
      const p = await partner({ 'delacon.pendingOrderTimeoutHours': 0.0003 })
      receiver.answer('accept')
      const { orderId } = await waitOrder(p.apiKey, { region: 'HK', numberType: '3', numbers: '1', orderSummaryEmail: 'orders@partner.example' })
      const order = await until('the order timed out', () => orderOf(p.id, orderId), (o) => o.status === 'FAIL' && o.callbackStatus === 'accepted')
      assert.equal(order.failReason, 'timeout')
      assert.equal(receiver.forOrder(orderId)[0]!.body, `OrderID=${orderId}&Result=FAIL&Message=${new URLSearchParams({ m: FAIL_TEXT }).toString().slice(2)}`)
      const email = await until('the summary email', () => notificationOf(app.core, order.summaryTransmissionId!), (n) => n !== null)
      assert.match(email!.text, /Result: FAIL/)
    })

    test("a partner without back-order for a pool gets FAIL at once, with no callback but its summary email", async () => {
      const p = await partner({ 'delacon.backorder': { 'en-sg/6': false } })
      const res = (await postForm(app, '/provision', p.apiKey, newCustomer({ region: 'SG', numberType: '6', numbers: '1', orderSummaryEmail: 'orders@partner.example' }))).json()
      assert.deepEqual([res.RESULT, res.MESSAGE], ['FAIL', FAIL_TEXT])
      const order = await orderOf(p.id, Number(res.OrderId))
      assert.deepEqual([order.status, order.failReason, order.callbackStatus, order.customerId], ['FAIL', 'no stock', 'none', null])
      const email = await until('the summary email', () => notificationOf(app.core, order.summaryTransmissionId!), (n) => n !== null)
      assert.match(email!.text, /Company: Acme Plumbing\n/)
      // Another partner (pool flag: back-order on) still waits in the same pool.
      const other = await partner()
      await waitOrder(other.apiKey, { region: 'SG', numberType: '6', numbers: '1' })
    })

    test('the operator fails a waiting order through the native API; the partner hears FAIL; a second try is refused', async () => {
      const p = await partner()
      receiver.answer('accept')
      const { orderId } = await waitOrder(p.apiKey, { region: 'US', numberType: '617', numbers: '1' })
      const res = await app.http.inject({ method: 'POST', url: `/native/delacon/orders/${orderId}/fail`, headers: bearer })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual([res.json().status, res.json().failReason], ['FAIL', 'operator'])
      assert.equal((await settled(p.id, orderId)).callbackStatus, 'accepted')
      assert.match(receiver.forOrder(orderId)[0]!.body, /&Result=FAIL&/)
      const again = await app.http.inject({ method: 'POST', url: `/native/delacon/orders/${orderId}/fail`, headers: bearer })
      assert.deepEqual([again.statusCode, again.json()], [409, { error: 'Order is not waiting' }])
    })
  })
}
