import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { loadConfig } from '../../../src/config.ts'
import { issueApiKey, listApiKeys, revokeApiKey, setResellerEnabled } from '../../../src/core/resellers/index.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { form, rcClient, signupParams } from './rc-client.ts'

const ERROR_XML = (message: string) =>
  `<hashtable>\n  <entry>\n    <string>status</string>\n    <string>ERROR</string>\n  </entry>\n  <entry>\n    <string>message</string>\n    <string>${message}</string>\n  </entry>\n</hashtable>`

for (const kind of TEST_DATABASES) {
  describe(`resellerclub routing, parameters and authentication (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let customerId: string
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      const res = await rcClient(app, reseller).post('customers/signup', signupParams())
      assert.equal(res.statusCode, 200, res.body)
      customerId = res.body
    })
    after(async () => { await app.stop() })

    const auth = () => `auth-userid=${reseller.id}&api-key=${reseller.apiKey}`

    test('an unknown call is a 404 naming the path after /api/, in JSON', async () => {
      const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/frobnicate.json?${auth()}` })
      assert.equal(res.statusCode, 404)
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
      assert.equal(res.body, '{"status":"ERROR","message":"Unknown API call: customers/frobnicate.json"}')
    })

    test('an unknown call ending in .xml gets the XML envelope, byte for byte', async () => {
      const res = await app.http.inject({ method: 'POST', url: '/resellerclub/api/orders/nothing.xml' })
      assert.equal(res.statusCode, 404)
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8')
      assert.equal(res.body, ERROR_XML('Unknown API call: orders/nothing.xml'))
    })

    test('a missing or other extension and a trailing slash are unknown calls', async () => {
      for (const path of ['customers/details-by-id', 'customers/details-by-id.JSON', 'customers/details-by-id.html', 'customers/details-by-id.json/']) {
        const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/${path}?${auth()}&customer-id=${customerId}` })
        assert.equal(res.statusCode, 404, path)
        assert.equal(res.json().message, `Unknown API call: ${path}`)
      }
    })

    test('a path Fastify cannot decode is an unknown call too, without echoing the query', async () => {
      const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/%zz.xml?${auth()}` })
      assert.equal(res.statusCode, 404)
      assert.equal(res.body, ERROR_XML('Unknown API call: customers/%zz.xml'))
      assert.ok(!res.body.includes(reseller.apiKey))
    })

    test('the wrong HTTP method is refused with the call\'s own method named', async () => {
      const c = rcClient(app, reseller)
      const get = await c.get('customers/signup', signupParams())
      assert.equal(get.statusCode, 500)
      assert.equal(get.body, '{"status":"ERROR","message":"GET method is not supported for this API call. Use POST."}')
      const post = await c.post('customers/details-by-id', { 'customer-id': customerId })
      assert.equal(post.json().message, 'POST method is not supported for this API call. Use GET.')
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
        const res = await app.http.inject({ method, url: `/resellerclub/api/customers/details-by-id.json?${auth()}&customer-id=${customerId}` })
        assert.equal(res.statusCode, 500)
        assert.equal(res.json().message, `${method} method is not supported for this API call. Use GET.`)
      }
      const head = await app.http.inject({ method: 'HEAD', url: `/resellerclub/api/customers/details-by-id.json?${auth()}` })
      assert.equal(head.statusCode, 500)
    })

    test('the method is checked before credentials', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/resellerclub/api/customers/signup.xml' })
      assert.equal(res.body, ERROR_XML('GET method is not supported for this API call. Use POST.'))
    })

    test('auth-password is refused as deprecated, with or without an api-key, before credentials are checked', async () => {
      for (const query of [`${auth()}&auth-password=x`, `auth-userid=${reseller.id}&auth-password=secret`, 'auth-password=a']) {
        const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details-by-id.json?${query}&customer-id=${customerId}` })
        assert.equal(res.statusCode, 500)
        assert.equal(res.body, '{"status":"ERROR","message":"Password based authentication is deprecated. Use api-key instead."}')
      }
    })

    test('missing, malformed, unknown or wrong credentials are all "Invalid credentials"', async () => {
      const other = await app.reseller()
      const cases = [
        `customer-id=${customerId}`,
        `auth-userid=${reseller.id}&customer-id=${customerId}`,
        `api-key=${reseller.apiKey}&customer-id=${customerId}`,
        `auth-userid=abc&api-key=${reseller.apiKey}&customer-id=${customerId}`,
        `auth-userid=-${reseller.id}&api-key=${reseller.apiKey}&customer-id=${customerId}`,
        `auth-userid=99999999999&api-key=${reseller.apiKey}&customer-id=${customerId}`,
        `auth-userid=${other.id}&api-key=${reseller.apiKey}&customer-id=${customerId}`,
        `auth-userid=${reseller.id}&api-key=${reseller.apiKey}x&customer-id=${customerId}`,
        `auth-userid=${reseller.id}&api-key=%20${reseller.apiKey}&customer-id=${customerId}`,
      ]
      for (const q of cases) {
        const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details-by-id.json?${q}` })
        assert.equal(res.statusCode, 500, q)
        assert.equal(res.body, '{"status":"ERROR","message":"Invalid credentials"}', q)
      }
      const xml = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details-by-id.xml?customer-id=${customerId}` })
      assert.equal(xml.statusCode, 500)
      assert.equal(xml.body, ERROR_XML('Invalid credentials'))
    })

    test('credentials are checked before parameters are validated', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/resellerclub/api/customers/details-by-id.json?customer-id=abc' })
      assert.equal(res.json().message, 'Invalid credentials')
    })

    test('a revoked key, a disabled reseller and one not enabled for the dialect are refused', async () => {
      const r = await app.reseller()
      const second = await issueApiKey(app.core, r.id, 'second')
      const c = rcClient(app, r)
      assert.match((await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1' })).body, /recsindb/)
      const [first] = await listApiKeys(app.core, r.id)
      await revokeApiKey(app.core, r.id, first!.id)
      assert.equal((await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1' })).json().message, 'Invalid credentials')
      const c2 = rcClient(app, { id: r.id, apiKey: second.apiKey })
      assert.equal((await c2.get('customers/search', { 'no-of-records': '10', 'page-no': '1' })).statusCode, 200)
      await setResellerEnabled(app.core, r.id, false)
      assert.equal((await c2.get('customers/search', { 'no-of-records': '10', 'page-no': '1' })).json().message, 'Invalid credentials')
      const portaOnly = await app.reseller({ dialects: ['porta'] })
      assert.equal((await rcClient(app, portaOnly).get('customers/search', { 'no-of-records': '10', 'page-no': '1' })).json().message, 'Invalid credentials')
    })

    test('a POST with every parameter in the query string and an empty body works', async () => {
      const c = rcClient(app, reseller)
      const res = await c.post('customers/signup', signupParams(), 'json', 'query')
      assert.equal(res.statusCode, 200, res.body)
      assert.match(res.body, /^[1-9][0-9]*$/)
    })

    test('a form body without a Content-Type, or typed text/plain, is read as a form', async () => {
      for (const headers of [{}, { 'content-type': 'text/plain; charset=utf-8' }]) {
        const res = await app.http.inject({
          method: 'POST', url: '/resellerclub/api/customers/signup.json',
          payload: Buffer.from(form({ 'auth-userid': String(reseller.id), 'api-key': reseller.apiKey, ...signupParams() })), headers,
        })
        assert.equal(res.statusCode, 200, res.body)
        assert.match(res.body, /^[0-9]+$/)
      }
    })

    test('query and body combine, the query first; a repeated scalar takes its first value', async () => {
      const p = signupParams()
      const res = await app.http.inject({
        method: 'POST', url: `/resellerclub/api/customers/signup.json?${auth()}&name=First%20Name&username=${encodeURIComponent(String(p.username))}`,
        payload: form({ ...p, username: 'ignored@example.com', name: 'Second Name' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(res.statusCode, 200, res.body)
      const d = await rcClient(app, reseller).get('customers/details-by-id', { 'customer-id': res.body })
      assert.equal(d.json().name, 'First Name')
      assert.equal(d.json().username, String(p.username).toLowerCase())
    })

    test('JSON and multipart bodies are ignored, so their parameters are missing', async () => {
      const json = await app.http.inject({
        method: 'POST', url: `/resellerclub/api/customers/delete.json?${auth()}`,
        payload: JSON.stringify({ 'customer-id': customerId }), headers: { 'content-type': 'application/json' },
      })
      assert.equal(json.json().message, '{customer-id=customer-id is required}')
      const multipart = await app.http.inject({
        method: 'POST', url: `/resellerclub/api/customers/delete.json?${auth()}`,
        payload: `--b\r\nContent-Disposition: form-data; name="customer-id"\r\n\r\n${customerId}\r\n--b--\r\n`,
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      })
      assert.equal(multipart.json().message, '{customer-id=customer-id is required}')
      const garbage = await app.http.inject({
        method: 'POST', url: `/resellerclub/api/customers/delete.json?${auth()}`, payload: 'x', headers: { 'content-type': '%%%' },
      })
      assert.equal(garbage.json().message, '{customer-id=customer-id is required}')
    })

    test('a GET body is ignored', async () => {
      const res = await app.http.inject({
        method: 'GET', url: `/resellerclub/api/customers/details-by-id.json?${auth()}`,
        payload: `customer-id=${customerId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(res.json().message, '{customer-id=customer-id is required}')
    })

    test('PHP array names (name[] and name[0]) are aliases, values are trimmed, empty values are no value', async () => {
      const c = rcClient(app, reseller)
      const res = await c.get('customers/details-by-id', { 'customer-id[]': ` ${customerId} ` })
      assert.equal(res.statusCode, 200, res.body)
      const idx = await c.get('customers/search', { 'no-of-records': '10', 'page-no': '1', 'customer-id[0]': customerId, 'customer-id[1]': '999999' })
      assert.equal(idx.json().recsindb, '1')
      const empty = await c.get('customers/details-by-id', { 'customer-id': '' })
      assert.equal(empty.json().message, '{customer-id=customer-id is required}')
      const blank = await c.get('customers/details-by-id', { 'customer-id': '   ' })
      assert.equal(blank.json().message, '{customer-id=customer-id is required}')
    })

    test('the api-key is not trimmed', async () => {
      const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details-by-id.json?auth-userid=${reseller.id}&api-key=${reseller.apiKey}%20&customer-id=${customerId}` })
      assert.equal(res.json().message, 'Invalid credentials')
    })

    test('parameter names are case-sensitive and unknown ones are ignored', async () => {
      const c = rcClient(app, reseller)
      const res = await c.get('customers/details-by-id', { 'Customer-Id': customerId })
      assert.equal(res.json().message, '{customer-id=customer-id is required}')
      const ok = await c.get('customers/details-by-id', { 'customer-id': customerId, whatever: 'x' })
      assert.equal(ok.statusCode, 200)
    })

    test('malformed percent-escapes are taken literally and reported as invalid values', async () => {
      const res = await app.http.inject({ method: 'GET', url: `/resellerclub/api/customers/details-by-id.json?${auth()}&customer-id=%zz1` })
      assert.equal(res.statusCode, 500)
      assert.equal(res.json().message, '{customer-id=customer-id is invalid}')
    })

    test('an oversized body gets the error envelope, not a bare Fastify error', async () => {
      const res = await app.http.inject({
        method: 'POST', url: `/resellerclub/api/customers/signup.json?${auth()}`, payload: `name=${'x'.repeat(2 * 1024 * 1024)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(res.statusCode, 500)
      assert.equal(res.json().status, 'ERROR')
      assert.equal(res.json().message, 'Request body is too large')
    })

    test('a custom prefix moves the whole dialect', async () => {
      const moved = await startTestApp(kind, { prefixes: { ...loadConfig({}).prefixes, resellerclub: '/rc' } })
      try {
        const r = await moved.reseller()
        const res = await moved.http.inject({ method: 'GET', url: `/rc/api/customers/search.json?auth-userid=${r.id}&api-key=${r.apiKey}&no-of-records=10&page-no=1` })
        assert.equal(res.body, '{"recsonpage":"0","recsindb":"0"}')
        const unknown = await moved.http.inject({ method: 'GET', url: '/rc/api/x.json' })
        assert.equal(unknown.json().message, 'Unknown API call: x.json')
      } finally {
        await moved.stop()
      }
    })
  })
}
