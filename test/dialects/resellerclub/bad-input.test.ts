import assert from 'node:assert/strict'
import fc from 'fast-check'
import { after, before, describe, test } from 'node:test'
import { RESELLERCLUB_OPERATIONS } from '../../../src/dialects/resellerclub/operations.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { sweepUnlearned } from '../../helpers/secret-sweep.ts'
import { form, rcClient, signupParams } from './rc-client.ts'

/** Hostile values: control characters, NUL, unicode, huge, numeric edge cases, injection attempts. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000@b.c', '-1', '0', '1e9', '2147483648', '99999999999999999999999999999', 'NaN', 'true', 'TRUE',
    "' or 1=1 --", '<x>&amp;', '%', '%zz', 'x'.repeat(5000), 'Not Applicable', '\r\n', '😀', '1.1.1.1', '::1'),
)

for (const kind of TEST_DATABASES) {
  describe(`resellerclub bad input (${kind})`, () => {
    let app: TestApp
    let reseller: { id: number; apiKey: string; username: string }
    let customerId: string
    before(async () => {
      app = await startTestApp(kind)
      reseller = await app.reseller()
      customerId = (await rcClient(app, reseller).post('customers/signup', signupParams())).body
    })
    after(async () => { await app.stop() })

    for (const call of RESELLERCLUB_OPERATIONS.operations) {
      test(`${call.wireId}: hostile parameters always get the error envelope or a success, never an internal error`, async () => {
        // A call without parameters of its own (promo-details) still gets unknown ones, which it ignores.
        const names = call.serve.params.length ? call.serve.params.map((r) => r.name) : ['unknown-param']
        const params = fc.dictionary(fc.constantFrom(...names), fc.oneof(hostile, fc.array(hostile, { maxLength: 3 })), { maxKeys: names.length })
        await sweepUnlearned(() => fc.assert(fc.asyncProperty(params, fc.constantFrom('json', 'xml'), async (p, ext) => {
          const body = form({ 'auth-userid': String(reseller.id), 'api-key': reseller.apiKey, ...p })
          const res = call.methods[0] === 'GET'
            ? await app.http.inject({ method: 'GET', url: `/resellerclub/api/${call.wireId}.${ext}?${body}` })
            : await app.http.inject({ method: 'POST', url: `/resellerclub/api/${call.wireId}.${ext}`, payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
          assert.ok(res.statusCode === 200 || res.statusCode === 500, `${res.statusCode} ${res.body}`)
          if (res.statusCode === 500) {
            if (ext === 'json') {
              const e = res.json()
              assert.equal(e.status, 'ERROR')
              assert.notEqual(e.message, 'Internal error', JSON.stringify(p))
            } else {
              assert.ok(res.body.startsWith('<hashtable>\n  <entry>\n    <string>status</string>\n    <string>ERROR</string>'), res.body)
              assert.ok(!res.body.includes('<string>Internal error</string>'), JSON.stringify(p))
            }
          }
        }), { numRuns: 40 }))
      })
    }

    test('after the onslaught the server still answers with the customer signed up before it', async () => {
      const res = await rcClient(app, reseller).get('customers/details-by-id', { 'customer-id': customerId })
      assert.equal(res.statusCode, 200)
      assert.equal(res.json().name, 'Jane Doe')
    })
  })
}
