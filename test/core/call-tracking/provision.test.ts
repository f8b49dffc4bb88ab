import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { and, eq, inArray } from 'drizzle-orm'
import { accounts } from '../../../src/core/accounts/accounts.table.ts'
import { resellerActor, systemActor } from '../../../src/core/actor.ts'
import { findCompany, getCompany, getOrder, provisionNumbers, updateCompany, type NewCompany } from '../../../src/core/call-tracking/index.ts'
import { addNumbers, setPoolBackorder, trackingNumbers } from '../../../src/core/numbers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

const company = (overrides: Partial<NewCompany> = {}): NewCompany => ({
  name: 'Core Co', email: 'core@co.example', terminationNumber: '(02) 9000-1234', region: 'Australia', numberType: '08', ...overrides,
})

for (const kind of TEST_DATABASES) {
  describe(`call-tracking provisioning (${kind})`, () => {
    let app: TestApp
    let r: { id: number }
    before(async () => {
      app = await startTestApp(kind)
      r = await app.reseller()
    })
    after(async () => { await app.stop() })

    test('an OK order allocates the lowest numbers and links them to the order and company', async () => {
      const { numbers } = await addNumbers(app.core, systemActor, { region: 'AU', numberType: '08', count: 4 })
      const res = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 2, company: company(), orderSummaryEmail: 'ops@p.example' })
      assert.equal(res.status, 'OK')
      assert.deepEqual(res.numbers, [...numbers].sort().slice(0, 2))
      const order = await getOrder(app.core, resellerActor(r.id), res.orderId)
      assert.deepEqual(order.numbers, res.numbers)
      assert.equal(order.orderSummaryEmail, 'ops@p.example')
      const c = await getCompany(app.core, resellerActor(r.id), res.companyId!)
      assert.equal(c.terminationNumber, '0290001234')
    })

    test('core rejects what the wire rules reject, and writes nothing', async () => {
      const actor = resellerActor(r.id)
      await assert.rejects(provisionNumbers(app.core, actor, { quantity: 0, company: company() }), { kind: 'invalid', field: 'quantity' })
      await assert.rejects(provisionNumbers(app.core, actor, { quantity: 1, company: company({ email: 'x' }) }), { kind: 'invalid', field: 'email' })
      await assert.rejects(provisionNumbers(app.core, actor, { quantity: 1, company: company({ region: 'Mars' }) }), { kind: 'invalid', field: 'region' })
      await assert.rejects(provisionNumbers(app.core, actor, { quantity: 1, companyId: 987654 }), { kind: 'not_found' })
      await assert.rejects(provisionNumbers(app.core, systemActor, { quantity: 1, company: company() }), { kind: 'forbidden' })
    })

    test('WAIT creates the company with no numbers; FAIL creates none', async () => {
      const wait = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 1, company: company({ region: 'UK', numberType: '0161' }) })
      assert.equal(wait.status, 'WAIT')
      assert.ok(await findCompany(app.core, resellerActor(r.id), wait.companyId!))
      await setPoolBackorder(app.core, systemActor, { region: 'UK', numberType: '0141', backorder: false })
      const fail = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 1, company: company({ region: 'UK', numberType: '0141' }) })
      assert.equal(fail.status, 'FAIL')
      assert.equal(fail.companyId, null)
      assert.equal((await getOrder(app.core, resellerActor(r.id), fail.orderId)).status, 'FAIL')
    })

    test('another tenant cannot read or update a company', async () => {
      await addNumbers(app.core, systemActor, { region: 'AU', numberType: '08', count: 1 })
      const mine = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 1, company: company() })
      const other = await app.reseller()
      assert.equal(await findCompany(app.core, resellerActor(other.id), mine.companyId!), null)
      await assert.rejects(getOrder(app.core, resellerActor(other.id), mine.orderId), { kind: 'not_found' })
      await assert.rejects(updateCompany(app.core, resellerActor(other.id), mine.companyId!, { whisper: true }), { kind: 'not_found' })
      assert.equal((await getCompany(app.core, resellerActor(r.id), mine.companyId!)).whisper, false)
    })

    /** The company's DID accounts as [username, phone, tenant, owner], and whether each number links its account. */
    const didsOf = async (customerId: number) => {
      const dids = await app.core.db.select().from(accounts).where(and(eq(accounts.customerId, customerId), eq(accounts.type, 'did'))).orderBy(accounts.id)
      const links = dids.length
        ? await app.core.db.select({ number: trackingNumbers.number, accountId: trackingNumbers.accountId }).from(trackingNumbers).where(inArray(trackingNumbers.accountId, dids.map((d) => d.id)))
        : []
      for (const d of dids) assert.equal(links.find((l) => l.accountId === d.id)?.number, d.phone, `number ${d.phone} links its account`)
      return dids.map((d) => [d.username, d.phone, d.tenantId, d.userId])
    }

    test('issue 12: allocated numbers become DID accounts of the company in its tenant, also when new stock fills a WAIT order', async () => {
      const { numbers } = await addNumbers(app.core, systemActor, { region: 'AU', numberType: '07', count: 2 })
      const ok = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 2, company: company({ numberType: '07' }) })
      assert.equal(ok.status, 'OK')
      assert.deepEqual(await didsOf(ok.companyId!), [...numbers].sort().map((n) => [n, n, r.id, null]))

      const wait = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 1, company: company({ region: 'UK', numberType: '0113' }) })
      assert.equal(wait.status, 'WAIT')
      assert.deepEqual(await didsOf(wait.companyId!), [])
      const stock = await addNumbers(app.core, systemActor, { region: 'UK', numberType: '0113', count: 1 })
      assert.deepEqual(stock.fulfilledOrders, [wait.orderId])
      assert.deepEqual(await didsOf(wait.companyId!), [[stock.numbers[0], stock.numbers[0], r.id, null]])
    })

    test('issue 12: a number already held as a DID is not allocated again', async () => {
      const { numbers } = await addNumbers(app.core, systemActor, { region: 'AU', numberType: '03', count: 3 })
      const [lowest, second, third] = [...numbers].sort()
      const other = await app.reseller()
      // One DID per number in the deployment; a DID's username is unique in its tenant.
      await app.core.db.insert(accounts).values([
        { tenantId: other.id, type: 'did', username: `x${lowest}`, phone: lowest },
        { tenantId: r.id, type: 'did', username: second, phone: '+15550000003' },
      ])
      const res = await provisionNumbers(app.core, resellerActor(r.id), { quantity: 1, company: company({ numberType: '03' }) })
      assert.deepEqual(res.numbers, [third])
      assert.deepEqual(await didsOf(res.companyId!), [[third, third, r.id, null]])
    })
  })
}
