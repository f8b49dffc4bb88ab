import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { rcUrls } from '../../../src/dialects/resellerclub/call.ts'
import { RESELLERCLUB_OPERATIONS } from '../../../src/dialects/resellerclub/operations.ts'
import {
  AuthMap, CustomerIdReply, CustomerMap, ErrorEnvelope, GatewayMap, PromoMap, SearchMap, TokenReply, TrueReply,
} from '../../../src/dialects/resellerclub/wire-schemas.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { basic } from '../../helpers/wire.ts'
import { rcClient, signupParams } from './rc-client.ts'

// Issue 19 point 2: every ResellerClub call in /docs, at each of its URLs, carries its parameters,
// its reply in the URL's format and the error envelope; the schemas only document (replies are the
// dialect's own text) and match what the calls really answer.

interface OpenApiOperation {
  parameters?: { in: string; name: string }[]
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
  responses?: Record<string, { content?: Record<string, { schema?: { examples?: unknown[] }; example?: unknown }> }>
}
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> }

function assertMatches(schema: TSchema, body: unknown): void {
  assert.deepEqual(Value.Errors(schema, body).slice(0, 3), [], `${JSON.stringify(body).slice(0, 300)} does not match its schema`)
}

for (const kind of TEST_DATABASES) {
  describe(`ResellerClub in /docs (${kind})`, () => {
    let app: TestApp
    let doc: OpenApiDoc
    let rc: ReturnType<typeof rcClient>
    let admin: string
    before(async () => {
      app = await startTestApp(kind)
      const reseller = await app.reseller()
      rc = rcClient(app, reseller)
      const u = await app.user(reseller.id, { roles: ['admin', 'user'] })
      admin = basic(u.username, u.password)
      doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
    })
    after(async () => { await app.stop() })

    test('every call, at each URL and method, has its parameters, its reply in the URL\'s format and the error envelope', () => {
      const problems: string[] = []
      let urls = 0
      for (const op of RESELLERCLUB_OPERATIONS.operations) {
        const names = op.serve.params.map((p) => p.name)
        for (const { url, format } of rcUrls(op)) {
          for (const method of op.methods) {
            urls++
            const key = `${method} ${url}`
            const entry = doc.paths[`/resellerclub${url}`]?.[method.toLowerCase()]
            if (!entry) { problems.push(`${key}: not in /docs`); continue }
            const query = (entry.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)
            if (names.some((n) => !query.includes(n))) problems.push(`${key}: query parameters ${query.join(',')}`)
            const form = entry.requestBody?.content?.['application/x-www-form-urlencoded']?.schema?.properties ?? {}
            if (method === 'POST' && names.some((n) => !(n in form))) problems.push(`${key}: form body`)
            const media = format === 'xml' ? 'application/xml' : 'application/json'
            for (const status of ['200', '404', '500']) {
              // The OpenAPI generator moves a schema's one example to the media type.
              const reply = entry.responses?.[status]?.content?.[media]
              if (!reply?.schema || (reply.example === undefined && !reply.schema.examples?.length)) problems.push(`${key}: ${status} ${media} reply with an example`)
            }
          }
        }
      }
      assert.ok(urls >= 34, `${urls} call URLs`)
      assert.deepEqual(problems, [])
    })

    test('the documented examples are valid replies of their schemas', () => {
      for (const schema of [AuthMap, CustomerIdReply, CustomerMap, ErrorEnvelope, GatewayMap, PromoMap, SearchMap, TokenReply, TrueReply]) {
        for (const example of (schema as { examples?: unknown[] }).examples ?? []) assertMatches(schema, example)
      }
    })

    test('real replies match the documented schemas', async () => {
      const signup = await rc.post('customers/signup', signupParams({ 'mobile-cc': '1', mobile: '5555550199' }))
      assertMatches(CustomerIdReply, signup.json())
      const id = signup.body
      const details = await rc.get('customers/details-by-id', { 'customer-id': id })
      assertMatches(CustomerMap, details.json())
      const search = await rc.get('customers/search', { 'no-of-records': '10', 'page-no': '1' })
      assertMatches(SearchMap, search.json())
      assertMatches(SearchMap, (await rc.get('customers/search', { 'no-of-records': '10', 'page-no': '9' })).json())
      const token = await rc.get('customers/generate-login-token', { 'customer-id': id, ip: '10.0.0.1' })
      assertMatches(TokenReply, token.json())
      assertMatches(AuthMap, (await rc.get('customers/authenticate-token', { token: token.json() as string })).json())
      assertMatches(TrueReply, (await rc.post('customers/change-password', { 'customer-id': id, 'new-passwd': 'Passw0rd99' })).json())
      assertMatches(PromoMap, (await rc.get('resellers/promo-details')).json())
      const promo = await app.http.inject({
        method: 'POST', url: '/native/promos', headers: { authorization: admin },
        payload: { productKey: 'domcno', startsAt: '2026-12-01T00:00:00Z', endsAt: '2027-01-31T23:59:59Z', period: 1, resellerPriceOne: '7.99', resellerPriceTwo: '10', customerPrice: '12.5', resellerPrice: '8.99', actionType: 'addnewdomain' },
      })
      assert.equal(promo.statusCode, 201, promo.body)
      assertMatches(PromoMap, (await rc.get('resellers/promo-details')).json())
      assertMatches(GatewayMap, (await rc.get('pg/allowedlist-for-customer', { 'customer-id': id })).json())
      const error = await rc.get('customers/details-by-id', { 'customer-id': '999999999' })
      assert.equal(error.statusCode, 500)
      assertMatches(ErrorEnvelope, error.json())
      const unknown = await rc.get('customers/nothing')
      assert.equal(unknown.statusCode, 404)
      assertMatches(ErrorEnvelope, unknown.json())
    })
  })
}
