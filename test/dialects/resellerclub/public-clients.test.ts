import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, uniqueName, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'

// Issue 15 point 5: the request sequences of the public ResellerClub clients, as their sources build
// them, unchanged:
//  - resellerclub-python (TI-Sin-Problemas, src/resellerclub/client/base.py): `requests.get(url, params)`
//    puts every parameter in the query; `requests.post(url, params)` sends them as a form body
//    (application/x-www-form-urlencoded); lists become repeated keys, None values are left out,
//    datetimes go as `datetime.timestamp()` floats (`"1796631000.0"`).
//  - WWW::LogicBoxes (drzigman, Role/Command/Raw.pm): every call, GET or POST, is one URL with
//    `auth-userid` first, then `api-key`, then the parameters (arrays as repeated keys) and no body;
//    raw calls may ask for `.xml`, which the module reads with XML::LibXML::Simple.
//  - node-logicboxes (apocas, lib/utils.js): GET with the query string; POST with the querystring
//    as the body and no Content-Type (the header line is commented out).

/** Python `requests`-style encoding: None left out, lists repeated, booleans as `True`/`False`. */
function pythonForm(params: Record<string, unknown>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined) continue
    for (const x of Array.isArray(v) ? v : [v]) q.append(k, typeof x === 'boolean' ? (x ? 'True' : 'False') : String(x))
  }
  return q.toString()
}

for (const kind of TEST_DATABASES) {
  describe(`public ResellerClub clients (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let adminAuth: string
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      const u = await app.user(reseller.id, { roles: ['admin', 'user'] })
      adminAuth = basic(u.username, u.password)
    })
    after(async () => { await app.stop() })

    const auth = () => ({ 'auth-userid': String(reseller.id), 'api-key': reseller.apiKey })

    describe('resellerclub-python', () => {
      const get = (path: string, params: Record<string, unknown>) =>
        app.http.inject({ method: 'GET', url: `/resellerclub/api/${path}?${pythonForm({ ...auth(), ...params })}`, headers: { 'user-agent': 'python-requests/2.32.3' } })
      const post = (path: string, params: Record<string, unknown>) => app.http.inject({
        method: 'POST', url: `/resellerclub/api/${path}`, payload: pythonForm({ ...auth(), ...params }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'python-requests/2.32.3' },
      })

      test('sign_up, get_by_username, get_by_id and search with timestamps and customer lists', async () => {
        const username = `${uniqueName('py')}@email.com`
        const signup = await post('customers/signup.json', {
          username, passwd: 'password9', name: 'Customer Name', company: 'Customer Company', 'address-line-1': 'Customer Address',
          'address-line-2': null, city: 'City', state: 'State', 'other-state': null, country: 'US', zipcode: '12345',
          'phone-cc': '1', phone: '1234567890', 'lang-pref': 'en', 'sms-consent': true, 'accept-policy': true, 'marketing-email-consent': false,
        })
        assert.equal(signup.statusCode, 200, signup.body)
        const id = Number(signup.body)
        assert.ok(Number.isInteger(id), 'int(response.text) works')
        const byName = (await get('customers/details.json', { username })).json()
        assert.equal(byName.customerid, String(id))
        const byId = (await get('customers/details-by-id.json', { 'customer-id': id })).json()
        assert.equal(byId.username, username)
        const created = Number(byId.creationdt)
        // search(10, 1, customers=[id, other], creation_date_start=dt, creation_date_end=dt): the creation second itself, as floats.
        const found = await get('customers/search.json', {
          'no-of-records': 10, 'page-no': 1, 'customer-id': [String(id), '999999'], 'reseller-id': null, username: null, name: null,
          company: null, city: null, state: null, status: null, 'creation-date-start': `${created}.0`, 'creation-date-end': `${created}.0`,
          'total-receipt-start': null, 'total-receipt-end': null,
        })
        assert.equal(found.statusCode, 200, found.body)
        const data = found.json()
        assert.deepEqual([data.recsonpage, data.recsindb], ['1', '1'])
        const record = Object.fromEntries(Object.entries(data['1'] as Record<string, string>).map(([k, v]) => [k.split('.')[1], v]))
        assert.equal(record.customerid, String(id))
        assert.equal(Number.parseFloat(record.totalreceipts!), 0)
        assert.equal(Number.parseInt(record.websitecount!, 10), 0)
        for (const key of ['username', 'resellerid', 'name', 'company', 'city', 'country', 'customerstatus', 'telno', 'telnocc']) assert.ok(key in record, key)
      })

      test('an error reply is a JSON object with the message the client raises', async () => {
        const res = await get('customers/details-by-id.json', { 'customer-id': 999999 })
        assert.equal(res.statusCode, 500)
        assert.equal(res.json().message, 'Invalid customer-id: 999999')
      })
    })

    describe('WWW::LogicBoxes raw calls', () => {
      /** Raw.pm's URI: `/api/<class>/<method>.<type>?auth-userid=…&api-key=…&<params>`, no body. */
      const raw = (method: 'GET' | 'POST', call: string, type: 'json' | 'xml', params: Record<string, string | string[]>) => {
        let uri = `/resellerclub/api/${call}.${type}?auth-userid=${encodeURIComponent(String(reseller.id))}&api-key=${encodeURIComponent(reseller.apiKey)}`
        for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) uri += `&${encodeURIComponent(k)}=${encodeURIComponent(x)}`
        return app.http.inject({ method, url: uri, headers: { 'user-agent': 'HTTP-Tiny/0.088' } })
      }

      test('create_customer (customers__signup, POST with no body), then details in XML and JSON', async () => {
        const username = `${uniqueName('perl')}@cpan.example.org`
        const created = await raw('POST', 'customers/signup', 'json', {
          username, passwd: 'Top5ecret', name: 'Iam A. Test', company: 'Test Co', 'address-line-1': '123 Main Street', city: 'Chicago',
          state: 'IL', country: 'US', zipcode: '60606', 'phone-cc': '1', phone: '3125551212', 'fax-cc': '1', fax: '3125551213', 'lang-pref': 'en',
        })
        assert.match(created.body, /^\d+$/, 'submit() maps a bare id to { id }')
        const xml = await raw('GET', 'customers/details', 'xml', { username })
        assert.equal(xml.statusCode, 200)
        assert.match(xml.headers['content-type'] as string, /^application\/xml/)
        assert.ok(xml.body.startsWith('<hashtable>\n  <entry>\n'), xml.body)
        assert.match(xml.body, new RegExp(`<string>customerid</string>\\n {4}<string>${created.body}</string>`))
        assert.match(xml.body, /<string>faxnocc<\/string>\n {4}<string>1<\/string>/)
        const json = (await raw('GET', 'customers/details-by-id', 'json', { 'customer-id': created.body })).json()
        assert.deepEqual([json.telnocc + json.telno, json.faxnocc + json.faxno, json.zip, json.langpref], ['13125551212', '13125551213', '60606', 'en'])
      })

      test('resellers__promo_details, pg__allowedlist_for_customer and mail__activate in XML', async () => {
        const native = (method: 'POST', url: string, body: unknown) => app.http.inject({ method, url: `/native${url}`, headers: { authorization: adminAuth }, payload: body as object })
        await native('POST', '/promos', {
          productKey: 'domcno', startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z', resellerPriceOne: '7.99', resellerPriceTwo: '9.99',
          customerPrice: '10.99', resellerPrice: '8.5', actionType: 'addnewdomain',
        })
        await native('POST', '/payment-gateways', { gatewayType: 'paypal', gatewayName: 'PayPal', postUrl: 'https://pay.example.com/pp', paymentTypes: ['AddFund', 'Payment'] })
        const promos = await raw('GET', 'resellers/promo-details', 'xml', {})
        assert.match(promos.body, /<string>1<\/string>\n {4}<hashtable>/)
        assert.match(promos.body, /<string>resellerpriceone<\/string>\n {8}<string>7\.99<\/string>/)
        const customer = (await raw('POST', 'customers/signup', 'json', {
          username: `${uniqueName('perl')}@cpan.example.org`, passwd: 'Top5ecret', name: 'Order Owner', company: 'Test Co', 'address-line-1': '1 Main',
          city: 'Chicago', state: 'IL', country: 'US', zipcode: '60606', 'phone-cc': '1', phone: '3125551212', 'lang-pref': 'en',
        })).body
        const gateways = await raw('GET', 'pg/allowedlist-for-customer', 'xml', { 'customer-id': customer })
        assert.match(gateways.body, /<string>gatewayname<\/string>\n {8}<string>PayPal<\/string>/)
        const order = (await native('POST', '/orders', { customerId: Number(customer), productKey: 'domcno' })).json() as { id: number }
        const activated = await raw('POST', 'mail/activate', 'xml', { 'order-id': String(order.id) })
        assert.equal(activated.statusCode, 200, activated.body)
        assert.match(activated.body, /<string>actionstatus<\/string>\n {4}<string>Success<\/string>/)
      })

      test('auth-password (what the module sends when given a password) is refused as deprecated', async () => {
        const uri = `/resellerclub/api/customers/details.json?auth-userid=${reseller.id}&auth-password=Top%20Secret!&username=x%40example.com`
        const res = await app.http.inject({ method: 'GET', url: uri })
        assert.equal(res.json().message, 'Password based authentication is deprecated. Use api-key instead.')
      })
    })

    describe('node-logicboxes', () => {
      // querystring.stringify of the options object, with auth-userid and api-key added last.
      const qs = (options: Record<string, string>) => new URLSearchParams({ ...options, 'auth-userid': String(reseller.id), 'api-key': reseller.apiKey }).toString()

      test('addCustomer posts its form with no Content-Type; getCustomerbyID and getCustomerbyUsername read it back', async () => {
        const username = `${uniqueName('node')}@example.com`
        const added = await app.http.inject({
          method: 'POST', url: '/resellerclub/api/customers/signup.json', payload: qs({
            username, passwd: 'nodePass1', name: 'Node Customer', company: 'Node Co', 'address-line-1': '1 Main St', city: 'Porto', state: 'Porto',
            country: 'PT', zipcode: '4000-001', 'phone-cc': '351', phone: '912345678', 'lang-pref': 'pt',
          }),
        })
        assert.equal(added.headers['content-type'], 'application/json; charset=utf-8')
        assert.match(added.body, /^\d+$/, added.body)
        const byId = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details-by-id.json?${qs({ 'customer-id': added.body })}` })
        assert.equal(JSON.parse(byId.body).username, username)
        const byName = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details.json?${qs({ username })}` })
        assert.equal(JSON.parse(byName.body).customerid, added.body)
      })

      test('a POST with every parameter in the query string and an empty body', async () => {
        const username = `${uniqueName('node')}@example.com`
        const added = await app.http.inject({
          method: 'POST', url: `/resellerclub/api/customers/signup.json?${qs({
            username, passwd: 'nodePass1', name: 'Node Customer', company: 'Node Co', 'address-line-1': '1 Main St', city: 'Porto', state: 'Porto',
            country: 'PT', zipcode: '4000-001', 'phone-cc': '351', phone: '912345678', 'lang-pref': 'pt',
          })}`,
        })
        assert.match(added.body, /^\d+$/, added.body)
        const error = JSON.parse((await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details.json?${qs({ username: 'none@example.com' })}` })).body)
        assert.equal(error.status, 'ERROR', 'the client reads data.status == "ERROR" and calls back with data.message')
        assert.equal(error.message, 'Customer none@example.com not found')
      })
    })
  })
}
