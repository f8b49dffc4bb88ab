import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, uniqueName, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'
import { rcClient, signupParams } from './rc-client.ts'

// spec/resellerclub.md §4.3: promo-details, pg/allowedlist-for-customer and mail/activate over the
// catalog and orders a reseller's administrator keeps through the native API; §4.1 delete with orders.

for (const kind of TEST_DATABASES) {
  describe(`resellerclub catalog and orders (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let rc: ReturnType<typeof rcClient>
    let admin: string
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      rc = rcClient(app, reseller)
      const u = await app.user(reseller.id, { roles: ['admin', 'user'] })
      admin = basic(u.username, u.password)
    })
    after(async () => { await app.stop() })

    async function native(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) {
      const res = await app.http.inject({ method, url: `/native${url}`, headers: { authorization: admin }, ...(body === undefined ? {} : { payload: body as object }) })
      assert.ok(res.statusCode < 300, `${method} ${url} → ${res.statusCode} ${res.body}`)
      return res.statusCode === 204 ? null : res.json()
    }
    async function customer(): Promise<string> {
      const res = await rc.post('customers/signup', signupParams())
      assert.equal(res.statusCode, 200, res.body)
      return res.body
    }

    test('promo-details answers {} while the reseller has no promos', async () => {
      const other = await app.reseller()
      const res = await rcClient(app, other).get('resellers/promo-details')
      assert.equal(res.body, '{}')
      assert.equal((await rcClient(app, other).get('resellers/promo-details', {}, 'xml')).body, '<hashtable/>')
    })

    test('promo-details lists every promo, active or not, keyed 1..n in creation order, prices in Java-double style', async () => {
      await native('POST', '/promos', {
        productKey: 'domcno', startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-31T23:59:59Z', period: 1,
        resellerPriceOne: '7.99', resellerPriceTwo: '10', customerPrice: '12.5', barrierPrice: '0', resellerPrice: '8.990', actionType: 'addnewdomain',
      })
      await native('POST', '/promos', {
        productKey: 'hosting-linux-us', startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-02-01T00:00:00Z', period: 2,
        resellerPriceOne: '1', resellerPriceTwo: '2', customerPrice: '3', resellerPrice: '2', actionType: 'renewdomain',
        currencySymbol: 'EUR', sellingCurrency: 'EUR', active: false, trickleAllowed: true,
      })
      const res = await rc.get('resellers/promo-details')
      assert.equal(res.statusCode, 200)
      assert.deepEqual(res.json(), {
        1: {
          resellerid: String(reseller.id), productkey: 'domcno', starttime: '1796083200', endtime: '1801439999', period: '1',
          resellerpriceone: '7.99', resellerpricetwo: '10.0', customerprice: '12.5', barrierprice: '0.0', resellerprice: '8.99',
          resellerpricecurrencysymbol: 'USD', actiontype: 'addnewdomain', serviceprovidersellingcurrency: 'USD', isactive: 'true', istrickleallow: 'false',
        },
        2: {
          resellerid: String(reseller.id), productkey: 'hosting-linux-us', starttime: '1767225600', endtime: '1769904000', period: '2',
          resellerpriceone: '1.0', resellerpricetwo: '2.0', customerprice: '3.0', barrierprice: '0.0', resellerprice: '2.0',
          resellerpricecurrencysymbol: 'EUR', actiontype: 'renewdomain', serviceprovidersellingcurrency: 'EUR', isactive: 'false', istrickleallow: 'true',
        },
      })
      const xml = (await rc.get('resellers/promo-details', {}, 'xml')).body
      assert.ok(xml.startsWith('<hashtable>\n  <entry>\n    <string>1</string>\n    <hashtable>\n'), xml)
      assert.match(xml, /<string>isactive<\/string>\n {8}<string>false<\/string>/)
    })

    test('allowedlist-for-customer lists the gateways by display position then id; payment-type selects, omitted means both', async () => {
      const id = await customer()
      const card = await native('POST', '/payment-gateways', { gatewayType: 'card', gatewayName: 'Card', postUrl: 'https://pay.example.com/card', displayPosition: 2, paymentTypes: ['Payment', 'AddFund'] })
      const paypal = await native('POST', '/payment-gateways', { gatewayType: 'paypal', gatewayName: 'PayPal', postUrl: 'https://pay.example.com/pp', displayPosition: 1, paymentTypes: ['AddFund', 'Payment'] })
      const funds = await native('POST', '/payment-gateways', { gatewayType: 'wire', gatewayName: 'Wire', postUrl: 'https://pay.example.com/w', displayPosition: 1, customerAccessLevel: 'SELECTED', paymentTypes: ['AddFund'] })
      const names = (body: string) => Object.entries(JSON.parse(body) as Record<string, { gatewayname: string }>).map(([k, g]) => `${k}:${g.gatewayname}`)
      const both = await rc.get('pg/allowedlist-for-customer', { 'customer-id': id })
      assert.deepEqual(names(both.body), ['1:PayPal', '2:Card'])
      assert.deepEqual(both.json()['1'], {
        gatewaytype: 'paypal', gatewayname: 'PayPal', paymenttypeid: String(paypal.id), posturl: 'https://pay.example.com/pp', displayposition: '1', customeraccesslevel: 'ALL',
      })
      assert.deepEqual(names((await rc.get('pg/allowedlist-for-customer', { 'customer-id': id, 'payment-type': 'addfund' })).body), ['1:PayPal', '2:Wire', '3:Card'])
      assert.deepEqual(names((await rc.get('pg/allowedlist-for-customer', { 'customer-id': id, 'payment-type': 'Payment' })).body), ['1:PayPal', '2:Card'])
      assert.equal(card.paymentTypes.join(), 'AddFund,Payment')
      assert.equal(funds.customerAccessLevel, 'SELECTED')
      const bad = await rc.get('pg/allowedlist-for-customer', { 'customer-id': id, 'payment-type': 'Cash' })
      assert.equal(bad.body, '{"status":"ERROR","message":"{payment-type=payment-type is invalid}"}')
      const unknown = await rc.get('pg/allowedlist-for-customer', { 'customer-id': '999999' })
      assert.equal(unknown.body, '{"status":"ERROR","message":"Invalid customer-id: 999999"}')
    })

    test('mail/activate turns the free email service on once and replies with the action map', async () => {
      const id = await customer()
      const order = await native('POST', '/orders', { customerId: Number(id), productKey: 'domcno' })
      const res = await rc.post('mail/activate', { 'order-id': String(order.id) })
      assert.equal(res.statusCode, 200, res.body)
      assert.deepEqual(res.json(), {
        entityid: String(order.id), customerid: id, productkey: 'domcno', actiontype: 'ActivateFreeEmail', actiontypedesc: 'Activation of Free Email Service',
        actionstatus: 'Success', actionstatusdesc: 'Free Email Service activated', status: 'Success',
      })
      const shown = await native('GET', `/orders/${order.id}`)
      assert.equal(shown.freeEmail, true)
      assert.ok(shown.freeEmailActivatedAt)
      const again = await rc.post('mail/activate', { 'order-id': String(order.id) }, 'xml')
      assert.equal(again.statusCode, 500)
      assert.match(again.body, new RegExp(`<string>Free Email Service is already active for order-id: ${order.id}</string>`))
    })

    test('mail/activate refuses a suspended order, an unknown one and a GET', async () => {
      const id = await customer()
      const order = await native('POST', '/orders', { customerId: Number(id), productKey: 'hosting-linux-us' })
      await native('PATCH', `/orders/${order.id}`, { status: 'suspended' })
      assert.equal((await rc.post('mail/activate', { 'order-id': String(order.id) })).body, `{"status":"ERROR","message":"Order ${order.id} is suspended"}`)
      assert.equal((await rc.post('mail/activate', { 'order-id': '0077777' })).body, '{"status":"ERROR","message":"Invalid order-id: 77777"}')
      assert.equal((await rc.post('mail/activate', {})).body, '{"status":"ERROR","message":"{order-id=order-id is required}"}')
      assert.equal((await rc.get('mail/activate', { 'order-id': String(order.id) })).body, '{"status":"ERROR","message":"GET method is not supported for this API call. Use POST."}')
    })

    test("another reseller's order looks unknown to mail/activate", async () => {
      const id = await customer()
      const order = await native('POST', '/orders', { customerId: Number(id), productKey: 'domcno' })
      const other = await app.reseller()
      assert.equal((await rcClient(app, other).post('mail/activate', { 'order-id': String(order.id) })).body, `{"status":"ERROR","message":"Invalid order-id: ${order.id}"}`)
      assert.equal((await native('GET', `/orders/${order.id}`)).freeEmail, false)
    })

    test('a customer with an order cannot be deleted; once the order is cancelled it can', async () => {
      const id = await customer()
      const order = await native('POST', '/orders', { customerId: Number(id), productKey: 'domcno' })
      const refused = await rc.post('customers/delete', { 'customer-id': id })
      assert.equal(refused.body, `{"status":"ERROR","message":"Customer ${id} has orders and cannot be deleted"}`)
      assert.equal((await rc.get('customers/details-by-id', { 'customer-id': id })).statusCode, 200)
      await native('DELETE', `/orders/${order.id}`)
      assert.equal((await rc.post('customers/delete', { 'customer-id': id })).body, 'true')
    })

    test('total receipts recorded through the native API show in details and search', async () => {
      const id = await customer()
      await native('POST', `/customers/${id}/receipts`, { amount: '100' })
      const after = await native('POST', `/customers/${id}/receipts`, { amount: '25.5' })
      assert.equal(after.totalReceipts, '125.5')
      assert.equal((await rc.get('customers/details-by-id', { 'customer-id': id })).json().totalreceipts, '125.5')
      const found = (await rc.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'customer-id': id })).json()
      assert.equal(found['1']['customer.totalreceipts'], '125.500')
      const inRange = (await rc.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'total-receipt-start': '125.5', 'total-receipt-end': '125.5' })).json()
      assert.equal(inRange.recsindb, '1')
    })

    test('forgot-password answers GET and POST and names only those methods', async () => {
      const put = await app.http.inject({ method: 'PUT', url: `/resellerclub/api/customers/forgot-password.json?auth-userid=${reseller.id}&api-key=${reseller.apiKey}&username=x@example.com` })
      assert.equal(put.body, '{"status":"ERROR","message":"PUT method is not supported for this API call. Use GET or POST."}')
      const unknown = await rc.get('customers/forgot-password', { username: `${uniqueName('nobody')}@example.com` })
      assert.match(unknown.body, /^\{"status":"ERROR","message":"Customer nobody.*@example\.com not found"\}$/)
    })
  })
}
