import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { systemActor, resellerActor } from '../../../src/core/actor.ts'
import { getCompany, getOrder } from '../../../src/core/call-tracking/index.ts'
import { getCustomer } from '../../../src/core/customers/index.ts'
import { addNumbers, poolLevels, setPoolBackorder } from '../../../src/core/numbers/index.ts'
import { updateResellerSettings } from '../../../src/core/resellers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { FAIL_TEXT, newCustomer, postForm, WAIT_TEXT } from './delacon-helpers.ts'

const sorted = (xs: string[]) => [...xs].sort()

for (const kind of TEST_DATABASES) {
  describe(`Delacon provision (${kind})`, () => {
    let app: TestApp
    let a: { id: number; apiKey: string }
    let b: { id: number; apiKey: string }
    before(async () => {
      app = await startTestApp(kind)
      a = await app.reseller()
      b = await app.reseller()
    })
    after(async () => { await app.stop() })

    test('a new customer gets the lowest free numbers of its pool, and becomes a core customer', async () => {
      const { numbers: stock } = await addNumbers(app.core, systemActor, { region: 'en-au', numberType: '1300', count: 6 })
      const res = await postForm(app, '/provision', a.apiKey, newCustomer({ numbers: '3', features: ' callrecording , CallFeedbackSurevy,CallRecording ' }))
      const lowest = sorted(stock).slice(0, 3)
      const body = res.json()
      assert.equal(res.body, `{"RESULT":"OK","OrderId":"${body.OrderId}","CID":"${body.CID}","Numbers":"${lowest.join(', ')}"}`)
      const customer = await getCustomer(app.core, resellerActor(a.id), Number(body.CID))
      assert.equal(customer.name, 'Acme Plumbing')
      assert.equal(customer.email, 'owner@acme.example.com')
      const company = await getCompany(app.core, resellerActor(a.id), Number(body.CID))
      assert.deepEqual(company.numbers, lowest)
      assert.equal(company.primaryNumber, lowest[0])
      assert.equal(company.terminationNumber, '+61290001234')
      assert.equal(company.busCat, 'Trades')
      assert.equal(company.busId, 'ACME-1')
      assert.equal(company.region, 'Australia')
      assert.equal(company.numberType, '1300')
      assert.deepEqual([company.whisper, company.dnis, company.xferType, company.voicemail, company.xferTime, company.moh, company.smsMessage, company.callTrack],
        [false, false, 2, false, 30, false, '', 'All'])
      assert.deepEqual([company.callRecordingProvisioned, company.callRecordingEnabled, company.callFeedbackSurveyProvisioned, company.callFeedbackSurveyEnabled, company.ivrProvisioned, company.ivrEnabled],
        [true, true, true, true, false, false])
      const order = await getOrder(app.core, resellerActor(a.id), Number(body.OrderId))
      assert.equal(order.status, 'OK')
      assert.deepEqual(order.numbers, lowest)
      assert.equal(order.callbackStatus, 'none')
    })

    test('more numbers for an existing companyID come from the company pool; the company fields are ignored', async () => {
      const { numbers: stock } = await addNumbers(app.core, systemActor, { region: 'UK', numberType: '020', count: 5 })
      const first = (await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'United Kingdom', numberType: '020', numbers: '1' }))).json()
      const res = await postForm(app, '/provision', a.apiKey, { companyID: first.CID, numbers: '2', BusinessName: 'x'.repeat(500), region: 'Atlantis', termsCheck: 'maybe', orderSummaryEmail: 'ops@partner.example' })
      const body = res.json()
      assert.equal(body.RESULT, 'OK')
      assert.equal(body.CID, first.CID)
      assert.ok(Number(body.OrderId) > Number(first.OrderId))
      assert.equal(body.Numbers, sorted(stock).slice(1, 3).join(', '))
      assert.match(body.Numbers, /^020\d{8}, 020\d{8}$/)
      assert.deepEqual(Object.keys(body), ['RESULT', 'OrderId', 'CID', 'Numbers'])
    })

    test('every failed check is listed in table order, joined by "; "', async () => {
      const res = await postForm(app, '/provision', a.apiKey, {
        BusinessName: 'n'.repeat(101), BusCat: 'c'.repeat(51), EmailAddress: 'not an email', TerminationNumber: '12-34',
        BusID: 'b'.repeat(51), features: 'CallRecording,Fax', region: 'Australia', numberType: '0800', numbers: '11',
        orderSummaryEmail: 'x@y', termsCheck: 'yes',
      })
      assert.equal(res.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - BusinessName must be at most 100 characters; BusCat must be at most 50 characters; EmailAddress is invalid; TerminationNumber is invalid; BusID must be at most 50 characters; features is invalid; numberType is invalid for region Australia; numbers must be between 1 and 10; orderSummaryEmail is invalid; termsCheck is invalid"}')
      const empty = await postForm(app, '/provision', a.apiKey, {})
      assert.equal(empty.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - BusinessName is required; EmailAddress is required; TerminationNumber is required; region is required; numberType is required; numbers is required; termsCheck must be on"}')
      const region = await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'Mars', numberType: 'whatever', numbers: '0' }))
      assert.equal(region.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - region is invalid; numbers must be between 1 and 10"}')
      const withId = await postForm(app, '/provision', a.apiKey, { companyID: '-4', numbers: 'ten', orderSummaryEmail: 'a b@c.de' })
      assert.equal(withId.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - companyID is invalid; numbers must be between 1 and 10; orderSummaryEmail is invalid"}')
      const noNumbers = await postForm(app, '/provision', a.apiKey, { companyID: '0' })
      assert.equal(noNumbers.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - companyID is invalid; numbers is required"}')
    })

    test("another partner's companyID is reported exactly like a missing one", async () => {
      await addNumbers(app.core, systemActor, { region: 'US', numberType: '212', count: 2 })
      const mine = (await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'US', numberType: '212', numbers: '1' }))).json()
      assert.equal(mine.RESULT, 'OK')
      const theirs = await postForm(app, '/provision', b.apiKey, { companyID: mine.CID, numbers: '1' })
      const missing = await postForm(app, '/provision', b.apiKey, { companyID: '99999999', numbers: '1' })
      const expected = '{"RESULT":"INVALID","MESSAGE":"Data validation failed - companyID not found"}'
      assert.equal(theirs.body, expected)
      assert.equal(missing.body, expected)
      assert.equal((await getCompany(app.core, resellerActor(a.id), Number(mine.CID))).numbers.length, 1)
    })

    test('a short pool with backorder answers WAIT with the CID; later orders of the pool wait behind it (FIFO)', async () => {
      await addNumbers(app.core, systemActor, { region: 'JP', numberType: '0120', count: 2 })
      const waiting = await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'Japan', numberType: '0120', numbers: '3' }))
      const w = waiting.json()
      assert.equal(waiting.body, `{"RESULT":"WAIT","OrderId":"${w.OrderId}","CID":"${w.CID}","MESSAGE":"${WAIT_TEXT}"}`)
      const company = await getCompany(app.core, resellerActor(a.id), Number(w.CID))
      assert.deepEqual(company.numbers, [])
      assert.equal(company.primaryNumber, null)
      // Two free numbers remain, but an order of the pool waits: a 1-number order must queue too.
      const behind = (await postForm(app, '/provision', b.apiKey, newCustomer({ region: 'JP', numberType: '0120', numbers: '1' }))).json()
      assert.equal(behind.RESULT, 'WAIT')
      assert.deepEqual(await poolLevels(app.core, systemActor, { region: 'JP', numberType: '0120' }), { free: 2, allocated: 0 })

      await updateResellerSettings(app.core, a.id, { delaconCallbackUrl: 'https://partner.example/cb' })
      const added = await addNumbers(app.core, systemActor, { region: 'JP', numberType: '0120', count: 2 })
      assert.deepEqual(added.fulfilledOrders, [Number(w.OrderId), Number(behind.OrderId)])
      const first = await getOrder(app.core, resellerActor(a.id), Number(w.OrderId))
      assert.equal(first.status, 'OK')
      assert.equal(first.numbers.length, 3)
      assert.ok(first.completedAt)
      assert.equal(first.callbackStatus, 'pending')
      const second = await getOrder(app.core, resellerActor(b.id), Number(behind.OrderId))
      assert.equal(second.status, 'OK')
      assert.equal(second.callbackStatus, 'none')
      // Oldest first, lowest numbers first: the first order holds the three lowest of the four.
      assert.ok(first.numbers.every((n) => n < second.numbers[0]!))
      assert.equal((await getCompany(app.core, resellerActor(a.id), Number(w.CID))).primaryNumber, first.numbers[0])
      await updateResellerSettings(app.core, a.id, { delaconCallbackUrl: null })
    })

    test('fulfilment serves waiting orders only in full and stops at the first it cannot fill', async () => {
      const big = (await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'NZ', numberType: '0508', numbers: '5' }))).json()
      const small = (await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'NZ', numberType: '0508', numbers: '1' }))).json()
      assert.equal(big.RESULT, 'WAIT')
      assert.equal(small.RESULT, 'WAIT')
      const r1 = await addNumbers(app.core, systemActor, { region: 'NZ', numberType: '0508', count: 4 })
      assert.deepEqual(r1.fulfilledOrders, [])
      assert.equal((await getOrder(app.core, resellerActor(a.id), Number(small.OrderId))).status, 'WAIT')
      const r2 = await addNumbers(app.core, systemActor, { region: 'NZ', numberType: '0508', count: 1 })
      assert.deepEqual(r2.fulfilledOrders, [Number(big.OrderId)])
      const r3 = await addNumbers(app.core, systemActor, { region: 'NZ', numberType: '0508', count: 1 })
      assert.deepEqual(r3.fulfilledOrders, [Number(small.OrderId)])
    })

    test('a short pool without backorder answers FAIL, records the order and creates no company', async () => {
      await setPoolBackorder(app.core, systemActor, { region: 'SG', numberType: '1800', backorder: false })
      const before = await app.core.db.execute('select count(*)::int as n from customers')
      const res = await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'SG', numberType: '1800', numbers: '1' }))
      const body = res.json()
      assert.equal(res.body, `{"RESULT":"FAIL","OrderId":"${body.OrderId}","MESSAGE":"${FAIL_TEXT}"}`)
      const afterCount = await app.core.db.execute('select count(*)::int as n from customers')
      assert.deepEqual((afterCount as unknown as { rows: unknown[] }).rows, (before as unknown as { rows: unknown[] }).rows)
      const order = await getOrder(app.core, resellerActor(a.id), Number(body.OrderId))
      assert.equal(order.status, 'FAIL')
      assert.equal(order.customerId, null)
    })

    test("a partner's own stock is drawn only by its orders; deployment-wide stock by anyone", async () => {
      const own = await addNumbers(app.core, resellerActor(b.id), { region: 'CN', numberType: '400', count: 2 })
      assert.equal(own.added, 2)
      await setPoolBackorder(app.core, systemActor, { region: 'CN', numberType: '400', backorder: false })
      const aTry = (await postForm(app, '/provision', a.apiKey, newCustomer({ region: 'China', numberType: '400', numbers: '1' }))).json()
      assert.equal(aTry.RESULT, 'FAIL')
      const bTry = (await postForm(app, '/provision', b.apiKey, newCustomer({ region: 'China', numberType: '400', numbers: '2' }))).json()
      assert.equal(bTry.RESULT, 'OK')
      assert.equal(bTry.Numbers, own.numbers.join(', '))
    })
  })
}
