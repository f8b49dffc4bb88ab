import assert from 'node:assert/strict'
import { eq } from 'drizzle-orm'
import { after, before, describe, test } from 'node:test'
import { resellerActor } from '../../../src/core/actor.ts'
import { customers, setCustomerStatus } from '../../../src/core/customers/index.ts'
import { loginTokens } from '../../../src/core/login-tokens/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { rcClient, signupParams } from './rc-client.ts'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TTL = 5

for (const kind of TEST_DATABASES) {
  describe(`resellerclub tokens (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let rc: ReturnType<typeof rcClient>
    let clockOffsetMs = 0
    before(async () => {
      app = await startTestApp(kind, { resellerclubTokenTtlSeconds: TTL })
      // A movable clock: expiry is tested by moving time, not by waiting.
      app.core.now = () => new Date(Date.now() + clockOffsetMs)
      reseller = await app.reseller()
      rc = rcClient(app, reseller)
    })
    after(async () => { await app.stop() })

    async function customer() {
      const params = signupParams()
      const res = await rc.post('customers/signup', params)
      assert.equal(res.statusCode, 200, res.body)
      return { id: Number(res.body), username: String(params.username), passwd: String(params.passwd) }
    }

    test('generate-token replies with a lower-case UUID v4 as a JSON string, and records the ip', async () => {
      const c = await customer()
      const res = await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '203.0.113.9' })
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.match(res.body, /^"[0-9a-f-]{36}"$/)
      const token = res.json() as string
      assert.match(token, UUID_V4)
      const [row] = await app.core.db.select().from(loginTokens).where(eq(loginTokens.token, token))
      assert.equal(row!.customerId, c.id)
      assert.equal(row!.tenantId, reseller.id)
      assert.equal(row!.kind, 'token')
      assert.equal(row!.ip, '203.0.113.9')
    })

    test('generate-token in XML is a bare string element', async () => {
      const c = await customer()
      const res = await rc.get('customers/generate-token', { username: c.username.toUpperCase(), passwd: c.passwd, ip: '2001:db8::1' }, 'xml')
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
      assert.match(res.body, /^<string>[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/string>$/)
    })

    test('a wrong password or unknown username is "Invalid username or password"', async () => {
      const c = await customer()
      for (const [username, passwd] of [[c.username, 'wrong1234'], ['nobody@example.com', c.passwd], [String(c.id), c.passwd], [c.username, ` ${c.passwd}`]]) {
        const res = await rc.get('customers/generate-token', { username: username!, passwd: passwd!, ip: '1.1.1.1' })
        assert.equal(res.statusCode, 500)
        assert.equal(res.body, '{"status":"ERROR","message":"Invalid username or password"}')
      }
    })

    test('generate-token validates its parameters (passwd only required, no policy)', async () => {
      const res = await rc.get('customers/generate-token', { ip: '1.2.3' })
      assert.equal(res.json().message, '{username=username is required, passwd=passwd is required, ip=ip is invalid}')
      const weak = await rc.get('customers/generate-token', { username: 'a@b.c', passwd: 'x', ip: '' })
      assert.equal(weak.json().message, '{ip=ip is required}')
    })

    test('a suspended customer gets no token', async () => {
      const c = await customer()
      await setCustomerStatus(app.core, resellerActor(reseller.id), c.id, 'suspended')
      const res = await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })
      assert.equal(res.body, `{"status":"ERROR","message":"Customer ${c.id} is suspended"}`)
      const login = await rc.get('customers/generate-login-token', { 'customer-id': String(c.id), ip: '1.1.1.1' })
      assert.equal(login.json().message, `Customer ${c.id} is suspended`)
    })

    test('authenticate-token replies with the auth map once; the token is then consumed', async () => {
      const c = await customer()
      const token = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      const res = await rc.get('customers/authenticate-token', { token })
      assert.equal(res.statusCode, 200, res.body)
      const m = res.json()
      const [row] = await app.core.db.select().from(customers).where(eq(customers.id, c.id))
      assert.deepEqual(Object.keys(m), [
        'customerid', 'username', 'useremail', 'resellerid', 'parentid', 'name', 'company', 'telnocc', 'telno', 'address1', 'city', 'state',
        'zip', 'other_state', 'country', 'pin', 'creationdt', 'customerstatus', 'langpref', 'totalreceipts', 'ispasswdexpired', 'stateid',
        'salescontactid', 'salesrepresentative', 'sellingcurrencysymbol', 'accountingcurrencysymbol', 'fundthreshold', 'minimumaddfundamount',
        'minimumbillingamount', 'minreceiptrequire', 'conversionrate', 'usesystemconversionrate', 'iswebpro', 'isoldreseller',
        'supportsautorenew', 'sendriskreportmail', 'switch_panel_enabled', 'salespersonshash', 'isDominicanTaxConfiguredByParent',
      ])
      assert.equal(m.customerid, String(c.id))
      assert.equal(m.username, c.username.toLowerCase())
      assert.equal(m.pin, String(row!.pin))
      assert.equal(m.salesrepresentative, '')
      assert.equal(m.sellingcurrencysymbol, 'USD')
      assert.equal(m.minreceiptrequire, '0.00')
      assert.equal(m.isDominicanTaxConfiguredByParent, false)
      const again = await rc.get('customers/authenticate-token', { token })
      assert.equal(again.body, '{"status":"ERROR","message":"Invalid token"}')
      const [rec] = await app.core.db.select().from(loginTokens).where(eq(loginTokens.token, token))
      assert.ok(rec!.consumedAt instanceof Date, 'the consumed record is kept')
    })

    test('authenticate-token in XML is the hashtable of the auth map', async () => {
      const c = await customer()
      const token = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      const res = await rc.get('customers/authenticate-token', { token: token.toUpperCase() }, 'xml')
      assert.equal(res.statusCode, 200, res.body)
      assert.ok(res.body.startsWith(`<hashtable>\n  <entry>\n    <string>customerid</string>\n    <string>${c.id}</string>\n  </entry>\n`))
      assert.ok(res.body.endsWith('  <entry>\n    <string>isDominicanTaxConfiguredByParent</string>\n    <boolean>false</boolean>\n  </entry>\n</hashtable>'))
    })

    test('two concurrent redemptions of one token: exactly one succeeds', async () => {
      const c = await customer()
      const token = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      const results = await Promise.all([1, 2, 3, 4].map(() => rc.get('customers/authenticate-token', { token })))
      assert.equal(results.filter((r) => r.statusCode === 200).length, 1)
      assert.ok(results.filter((r) => r.statusCode !== 200).every((r) => r.json().message === 'Invalid token'))
    })

    test('a token older than the TTL is reported expired, and a failed redemption consumes nothing', async () => {
      const c = await customer()
      const token = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      const other = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      try {
        clockOffsetMs = (TTL + 1) * 1000
        const res = await rc.get('customers/authenticate-token', { token })
        assert.equal(res.body, '{"status":"ERROR","message":"Token has expired"}')
        assert.equal((await rc.get('customers/authenticate-token', { token })).json().message, 'Token has expired')
        clockOffsetMs = TTL * 1000 - 1000
        assert.equal((await rc.get('customers/authenticate-token', { token: other })).statusCode, 200, 'still valid within the TTL')
      } finally {
        clockOffsetMs = 0
      }
      const [rec] = await app.core.db.select().from(loginTokens).where(eq(loginTokens.token, token))
      assert.equal(rec!.consumedAt, null)
    })

    test('unknown, malformed and other resellers\' tokens are "Invalid token" and leave the token usable', async () => {
      const c = await customer()
      const token = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      const b = rcClient(app, await app.reseller())
      for (const t of ['not-a-token', '00000000-0000-4000-8000-000000000000', `${token}x`, "' or 1=1 --"]) {
        assert.equal((await rc.get('customers/authenticate-token', { token: t })).json().message, 'Invalid token', t)
      }
      assert.equal((await b.get('customers/authenticate-token', { token })).body, '{"status":"ERROR","message":"Invalid token"}')
      assert.equal((await rc.get('customers/authenticate-token', { token })).statusCode, 200)
      assert.equal((await rc.get('customers/authenticate-token', {})).json().message, '{token=token is required}')
    })

    test('generate-login-token issues a token for a customer id that authenticate-token redeems', async () => {
      const c = await customer()
      const res = await rc.get('customers/generate-login-token', { 'customer-id': String(c.id), ip: '198.51.100.7' })
      assert.equal(res.statusCode, 200, res.body)
      const token = res.json() as string
      assert.match(token, UUID_V4)
      const [row] = await app.core.db.select().from(loginTokens).where(eq(loginTokens.token, token))
      assert.equal(row!.kind, 'login')
      const m = (await rc.get('customers/authenticate-token', { token }, 'json')).json()
      assert.equal(m.customerid, String(c.id))
      const xml = await rc.get('customers/generate-login-token', { 'customer-id': String(c.id), ip: '198.51.100.7' }, 'xml')
      assert.match(xml.body, /^<string>[0-9a-f-]{36}<\/string>$/)
      assert.equal((await rc.get('customers/generate-login-token', { 'customer-id': '987654321', ip: '1.1.1.1' })).json().message, 'Invalid customer-id: 987654321')
      assert.equal((await rc.get('customers/generate-login-token', { 'customer-id': 'x', ip: 'y' })).json().message, '{customer-id=customer-id is invalid, ip=ip is invalid}')
    })

    test('a changed password keeps outstanding tokens valid', async () => {
      const c = await customer()
      const token = (await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json() as string
      assert.equal((await rc.post('customers/change-password', { 'customer-id': String(c.id), 'new-passwd': 'Changed123' })).body, 'true')
      assert.equal((await rc.get('customers/authenticate-token', { token })).statusCode, 200)
      assert.equal((await rc.get('customers/generate-token', { username: c.username, passwd: c.passwd, ip: '1.1.1.1' })).json().message, 'Invalid username or password')
      assert.equal((await rc.get('customers/generate-token', { username: c.username, passwd: 'Changed123', ip: '1.1.1.1' })).statusCode, 200)
    })
  })
}
