import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { customers, setCustomerStatus } from '../../../src/core/customers/index.ts'
import { resellerActor } from '../../../src/core/actor.ts'
import { createReseller, updateResellerSettings } from '../../../src/core/resellers/index.ts'
import { authenticateUserPassword, users } from '../../../src/core/users/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { rcClient, signupParams } from './rc-client.ts'

for (const kind of TEST_DATABASES) {
  describe(`resellerclub customer calls (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let rc: ReturnType<typeof rcClient>
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      rc = rcClient(app, reseller)
    })
    after(async () => { await app.stop() })

    async function signUp(overrides = {}) {
      const params = signupParams(overrides)
      const res = await rc.post('customers/signup', params)
      assert.equal(res.statusCode, 200, res.body)
      return { id: Number(res.body), params }
    }

    test('signup replies with the bare new customer id, in JSON and in XML', async () => {
      const json = await rc.post('customers/signup', signupParams())
      assert.equal(json.statusCode, 200)
      assert.equal(json.headers['content-type'], 'application/json; charset=utf-8')
      assert.match(json.body, /^[1-9][0-9]*$/)
      const xml = await rc.post('customers/signup', signupParams(), 'xml')
      assert.equal(xml.headers['content-type'], 'application/xml; charset=utf-8')
      assert.match(xml.body, /^<int>[1-9][0-9]*<\/int>$/)
      assert.ok(Number(/<int>(\d+)<\/int>/.exec(xml.body)![1]) > Number(json.body))
    })

    test('signup through the v2 alias works the same', async () => {
      const res = await rc.post('customers/v2/signup', signupParams())
      assert.equal(res.statusCode, 200, res.body)
      assert.match(res.body, /^[0-9]+$/)
    })

    test('signup stores the customer and a primary login that can sign in with the password', async () => {
      const { id, params } = await signUp({ 'sms-consent': 'True', 'accept-policy': 'false' })
      const [row] = await app.core.db.select().from(customers).where(eq(customers.id, id))
      assert.equal(row!.tenantId, reseller.id)
      assert.equal(row!.country, 'US')
      assert.equal(row!.langPref, 'en')
      assert.equal(row!.status, 'active')
      assert.equal(row!.smsConsent, true)
      assert.equal(row!.acceptPolicy, false)
      assert.equal(row!.marketingEmailConsent, null)
      assert.ok(row!.pin! >= 1000 && row!.pin! <= 9999)
      const user = await authenticateUserPassword(app.core, String(params.username), 'secret123', { tenantId: reseller.id, customerOnly: true })
      assert.equal(user.customerId, id)
      assert.equal(user.username, String(params.username).toLowerCase())
      const [u] = await app.core.db.select().from(users).where(eq(users.customerId, id))
      assert.ok(!JSON.stringify(u).includes('secret123'))
    })

    test('a username already used by a customer of the same reseller is refused, case-insensitively', async () => {
      const { params } = await signUp()
      const again = await rc.post('customers/signup', signupParams({ username: String(params.username).toUpperCase() }))
      assert.equal(again.statusCode, 500)
      assert.equal(again.body, '{"status":"ERROR","message":"{username=username already exists}"}')
      const other = await app.reseller()
      const elsewhere = await rcClient(app, other).post('customers/signup', signupParams({ username: params.username }))
      assert.equal(elsewhere.statusCode, 200, 'usernames are unique per reseller only')
    })

    test('details-by-id replies with the customer map, byte for byte in JSON', async () => {
      const { id, params } = await signUp({ state: 'Not Applicable', 'other-state': 'Somewhere', 'address-line-2': 'Floor 2', 'mobile-cc': '44', mobile: '7700900123', 'vat-id': 'GB123' })
      const [row] = await app.core.db.select().from(customers).where(eq(customers.id, id))
      const res = await rc.get('customers/details-by-id', { 'customer-id': String(id) })
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      const login = String(params.username).toLowerCase()
      const created = Math.floor(row!.createdAt.getTime() / 1000)
      assert.equal(res.body, `{"customerid":"${id}","username":"${login}","useremail":"${login}","resellerid":"${reseller.id}",` +
        `"parentid":"${reseller.id}","name":"Jane Doe","company":"Doe & Sons","telnocc":"1","telno":"5555550100",` +
        `"mobilenocc":"44","mobileno":"7700900123","address1":"1 Main Street","address2":"Floor 2","city":"Springfield",` +
        `"state":"Not Applicable","zip":"62701","other_state":"Somewhere","country":"US","vatid":"GB123","pin":"${row!.pin}",` +
        `"creationdt":"${created}","customerstatus":"Active","langpref":"en","totalreceipts":"0.0","ispasswdexpired":"false",` +
        `"twofactorauth_enabled":"false","twofactorsmsauth_enabled":"false","twofactorgoogleauth_enabled":"false",` +
        `"stateid":"0","salescontactid":"0","salespersonshash":{},"isDominicanTaxConfiguredByParent":false}`)
    })

    test('details-by-id in XML is the XStream hashtable, byte for byte', async () => {
      const { id, params } = await signUp({ name: 'O\'Brien <&> "Q"' })
      const [row] = await app.core.db.select().from(customers).where(eq(customers.id, id))
      const json = (await rc.get('customers/details-by-id', { 'customer-id': String(id) })).json() as Record<string, unknown>
      const res = await rc.get('customers/details-by-id', { 'customer-id': String(id) }, 'xml')
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
      const entries = Object.entries(json).map(([k, v]) => {
        const value = typeof v === 'boolean' ? `<boolean>${v}</boolean>` : typeof v === 'object' ? '<hashtable/>' : `<string>${esc(String(v))}</string>`
        return `  <entry>\n    <string>${k}</string>\n    ${value}\n  </entry>`
      })
      assert.equal(res.body, `<hashtable>\n${entries.join('\n')}\n</hashtable>`)
      assert.ok(res.body.includes('<string>O&apos;Brien &lt;&amp;&gt; &quot;Q&quot;</string>'))
      assert.ok(res.body.includes(`<string>${String(params.username).toLowerCase()}</string>`))
      assert.ok(res.body.includes(`<string>${row!.pin}</string>`))
      assert.ok(!res.body.endsWith('\n'))
    })

    test('parentid is the reseller\'s parent when it has one', async () => {
      const sub = await createReseller(app.core, { name: 'Sub', username: uniqueName('sub'), parentId: reseller.id })
      const c = rcClient(app, { id: sub.reseller.id, apiKey: sub.apiKey })
      const id = (await c.post('customers/signup', signupParams())).body
      const d = (await c.get('customers/details-by-id', { 'customer-id': id })).json()
      assert.equal(d.resellerid, String(sub.reseller.id))
      assert.equal(d.parentid, String(reseller.id))
    })

    test('details-by-id of an unknown id is "Invalid customer-id: <id>"', async () => {
      for (const [given, shown] of [['987654321', '987654321'], ['0099999999', '99999999'], ['99999999999999999999', '99999999999999999999']]) {
        const res = await rc.get('customers/details-by-id', { 'customer-id': given! })
        assert.equal(res.statusCode, 500)
        assert.equal(res.body, `{"status":"ERROR","message":"Invalid customer-id: ${shown}"}`)
      }
    })

    test('details-by-id validates customer-id', async () => {
      for (const bad of ['0', '-1', '1.5', 'abc', '1e3']) {
        const res = await rc.get('customers/details-by-id', { 'customer-id': bad })
        assert.equal(res.json().message, '{customer-id=customer-id is invalid}', bad)
      }
    })

    test('details finds a customer by username, case-insensitively', async () => {
      const { id, params } = await signUp()
      const res = await rc.get('customers/details', { username: String(params.username).toUpperCase() })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().customerid, String(id))
      const xml = await rc.get('customers/details', { username: String(params.username) }, 'xml')
      assert.match(xml.body, new RegExp(`<string>customerid</string>\\n    <string>${id}</string>`))
    })

    test('details of an unknown username is "Customer <username> not found"', async () => {
      const res = await rc.get('customers/details', { username: 'nobody@example.com' })
      assert.equal(res.body, '{"status":"ERROR","message":"Customer nobody@example.com not found"}')
      const missing = await rc.get('customers/details', {})
      assert.equal(missing.json().message, '{username=username is required}')
    })

    test('a suspended customer\'s details say Suspended', async () => {
      const { id } = await signUp()
      await setCustomerStatus(app.core, resellerActor(reseller.id), id, 'suspended')
      assert.equal((await rc.get('customers/details-by-id', { 'customer-id': String(id) })).json().customerstatus, 'Suspended')
    })

    test('modify replaces the details; an optional field sent empty clears it, omitted keeps it', async () => {
      const { id, params } = await signUp({ 'address-line-2': 'Floor 2', 'address-line-3': 'Wing B', 'vat-id': 'V1' })
      const newLogin = `renamed.${Date.now()}@example.org`
      const res = await rc.post('customers/modify', {
        ...params, passwd: [], 'customer-id': String(id), username: newLogin.toUpperCase(), name: 'John Roe', country: 'de',
        'lang-pref': 'DE', 'address-line-2': '',
      } as never)
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.body, 'true')
      const d = (await rc.get('customers/details-by-id', { 'customer-id': String(id) })).json()
      assert.equal(d.name, 'John Roe')
      assert.equal(d.country, 'DE')
      assert.equal(d.langpref, 'de')
      assert.equal(d.username, newLogin)
      assert.equal(d.address2, undefined)
      assert.equal(d.address3, 'Wing B')
      assert.equal(d.vatid, 'V1')
      const xml = await rc.post('customers/modify', { ...params, passwd: [], 'customer-id': String(id), username: newLogin } as never, 'xml')
      assert.equal(xml.body, '<boolean>true</boolean>')
      await authenticateUserPassword(app.core, newLogin, 'secret123', { tenantId: reseller.id, customerOnly: true })
    })

    test('modify to a username another customer uses is refused; unknown ids are invalid', async () => {
      const a = await signUp()
      const b = await signUp()
      const res = await rc.post('customers/modify', { ...b.params, passwd: [], 'customer-id': String(b.id), username: a.params.username } as never)
      assert.equal(res.json().message, '{username=username already exists}')
      const unknown = await rc.post('customers/modify', { ...b.params, passwd: [], 'customer-id': '987654321' } as never)
      assert.equal(unknown.json().message, 'Invalid customer-id: 987654321')
      const missing = await rc.post('customers/modify', { 'customer-id': String(b.id) })
      assert.match(missing.json().message, /^\{username=username is required, name=name is required, company=company is required, /)
    })

    test('search pages through the reseller\'s customers in id order with the search map', async () => {
      const r = await app.reseller()
      const c = rcClient(app, r)
      const ids: string[] = []
      for (let i = 0; i < 12; i++) ids.push((await c.post('customers/signup', signupParams({ city: i % 2 ? 'Oddtown' : 'Eventown', company: `Co ${i}` }))).body)
      const p1 = (await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1' })).json()
      assert.equal(p1.recsonpage, '10')
      assert.equal(p1.recsindb, '12')
      assert.deepEqual(Object.keys(p1).filter((k) => /^\d+$/.test(k)).map((k) => p1[k]['customer.customerid']), ids.slice(0, 10))
      assert.deepEqual(Object.keys(p1['1']), ['customer.customerid', 'customer.username', 'customer.resellerid', 'customer.name', 'customer.company',
        'customer.city', 'customer.country', 'customer.telnocc', 'customer.telno', 'customer.customerstatus', 'customer.totalreceipts', 'customer.websitecount'])
      assert.equal(p1['1']['customer.totalreceipts'], '0.000')
      assert.equal(p1['1']['customer.websitecount'], '0')
      const p2 = (await c.get('customers/search', { 'no-of-records': '10', 'page-no': '2' })).json()
      assert.equal(p2.recsonpage, '2')
      assert.equal(p2['2']['customer.customerid'], ids[11])
      const p3 = await c.get('customers/search', { 'no-of-records': '10', 'page-no': '3' })
      assert.equal(p3.body, '{"recsonpage":"0","recsindb":"12"}')
      const odd = (await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1', city: 'oddTOWN', status: 'active' })).json()
      assert.equal(odd.recsindb, '6')
      const byIds = (await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'customer-id': [ids[3]!, ids[5]!, '999999999'] })).json()
      assert.equal(byIds.recsindb, '2')
      const now = Math.floor(Date.now() / 1000)
      const dated = (await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'creation-date-start': String(now - 3600), 'creation-date-end': String(now + 3600), 'total-receipt-start': '0', 'total-receipt-end': '0.0' })).json()
      assert.equal(dated.recsindb, '12')
      const none = (await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1', status: 'Suspended' })).json()
      assert.deepEqual(none, { recsonpage: '0', recsindb: '0' })
      const xml = await c.get('customers/search', { 'no-of-records': '10', 'page-no': '2' }, 'xml')
      assert.ok(xml.body.startsWith('<hashtable>\n  <entry>\n    <string>recsonpage</string>\n    <string>2</string>\n  </entry>\n'), xml.body)
      assert.ok(xml.body.includes(`  <entry>\n    <string>1</string>\n    <hashtable>\n      <entry>\n        <string>customer.customerid</string>\n        <string>${ids[10]}</string>\n      </entry>\n`), xml.body)
    })

    test('search validates its parameters and reports every failure in order', async () => {
      const res = await rc.get('customers/search', { 'no-of-records': '9', 'page-no': '0', 'customer-id': ['1', 'x'], status: 'gone', 'creation-date-start': '-1', 'total-receipt-end': 'abc' })
      assert.equal(res.json().message, '{no-of-records=no-of-records is invalid, page-no=page-no is invalid, customer-id=customer-id is invalid, ' +
        'status=status is invalid, creation-date-start=creation-date-start is invalid, total-receipt-end=total-receipt-end is invalid}')
      const missing = await rc.get('customers/search', {})
      assert.equal(missing.json().message, '{no-of-records=no-of-records is required, page-no=page-no is required}')
      assert.equal((await rc.get('customers/search', { 'no-of-records': '501', 'page-no': '1' })).json().message, '{no-of-records=no-of-records is invalid}')
    })

    test('change-password sets the new password (both paths); the policy applies', async () => {
      const { id, params } = await signUp()
      const res = await rc.post('customers/change-password', { 'customer-id': String(id), 'new-passwd': 'NewPass99' })
      assert.equal(res.body, 'true')
      await authenticateUserPassword(app.core, String(params.username), 'NewPass99', { tenantId: reseller.id })
      const v2 = await rc.post('customers/v2/change-password', { 'customer-id': String(id), 'new-passwd': 'Other1234' }, 'xml')
      assert.equal(v2.body, '<boolean>true</boolean>')
      const weak = await rc.post('customers/change-password', { 'customer-id': String(id), 'new-passwd': 'short1' })
      assert.equal(weak.json().message, '{new-passwd=new-passwd must be 8-16 printable ASCII characters with at least one letter and one digit}')
      const unknown = await rc.post('customers/change-password', { 'customer-id': '987654321', 'new-passwd': 'NewPass99' })
      assert.equal(unknown.json().message, 'Invalid customer-id: 987654321')
    })

    test('delete removes the customer everywhere and frees its username', async () => {
      const { id, params } = await signUp()
      assert.equal((await rc.post('customers/delete', { 'customer-id': String(id) })).body, 'true')
      assert.equal((await rc.get('customers/details-by-id', { 'customer-id': String(id) })).json().message, `Invalid customer-id: ${id}`)
      assert.equal((await rc.post('customers/delete', { 'customer-id': String(id) })).json().message, `Invalid customer-id: ${id}`)
      const gone = await rc.post('customers/delete', { 'customer-id': String(id) }, 'xml')
      assert.equal(gone.statusCode, 500)
      assert.ok(gone.body.includes(`<string>message</string>\n    <string>Invalid customer-id: ${id}</string>`), gone.body)
      const other = await signUp()
      assert.equal((await rc.post('customers/delete', { 'customer-id': String(other.id) }, 'xml')).body, '<boolean>true</boolean>')
      const again = await rc.post('customers/signup', signupParams({ username: params.username }))
      assert.equal(again.statusCode, 200, again.body)
    })

    test('the auth map uses the reseller\'s sales representative and currency settings', async () => {
      await updateResellerSettings(app.core, reseller.id, { salesRepresentative: 'Demo Sales (sales@example.com)', sellingCurrency: 'EUR' })
      const { params } = await signUp()
      const token = (await rc.get('customers/generate-token', { username: params.username!, passwd: 'secret123', ip: '10.0.0.1' })).json()
      const m = (await rc.get('customers/authenticate-token', { token })).json()
      assert.equal(m.salesrepresentative, 'Demo Sales (sales@example.com)')
      assert.equal(m.sellingcurrencysymbol, 'EUR')
      assert.equal(m.accountingcurrencysymbol, 'EUR')
      await updateResellerSettings(app.core, reseller.id, { salesRepresentative: null, sellingCurrency: null })
    })

    test('another reseller never reads or changes this reseller\'s customers', async () => {
      const { id, params } = await signUp()
      const other = await app.reseller()
      const b = rcClient(app, other)
      const cid = String(id)
      assert.equal((await b.get('customers/details-by-id', { 'customer-id': cid })).body, `{"status":"ERROR","message":"Invalid customer-id: ${cid}"}`)
      assert.equal((await b.get('customers/details', { username: params.username! })).json().message, `Customer ${params.username} not found`)
      assert.equal((await b.post('customers/modify', { ...params, passwd: [], 'customer-id': cid, name: 'Hijack' } as never)).json().message, `Invalid customer-id: ${cid}`)
      assert.equal((await b.post('customers/change-password', { 'customer-id': cid, 'new-passwd': 'Hijack123' })).json().message, `Invalid customer-id: ${cid}`)
      assert.equal((await b.post('customers/delete', { 'customer-id': cid })).json().message, `Invalid customer-id: ${cid}`)
      assert.equal((await b.get('customers/generate-login-token', { 'customer-id': cid, ip: '1.1.1.1' })).json().message, `Invalid customer-id: ${cid}`)
      assert.equal((await b.get('customers/generate-token', { username: params.username!, passwd: 'secret123', ip: '1.1.1.1' })).json().message, 'Invalid username or password')
      assert.equal((await b.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'customer-id': cid })).json().recsindb, '0')
      assert.equal((await b.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'reseller-id': String(reseller.id) })).json().recsindb, '0')
      const d = (await rc.get('customers/details-by-id', { 'customer-id': cid })).json()
      assert.equal(d.name, 'Jane Doe')
      await authenticateUserPassword(app.core, String(params.username), 'secret123', { tenantId: reseller.id })
    })
  })
}
