import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { after, before, describe, test } from 'node:test'
import { documents, texts } from '../../../src/core/messages/messages.table.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'

/**
 * Bad input at every route of programs, subscriptions, providers and statistics: each reply is the
 * ICTCore envelope (never a 5xx), and the server keeps answering.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 15)

const badText = fc.oneof(
  fc.constant(''), fc.constant('-1'), fc.constant('0'), fc.constant('1e309'), fc.constant('99999999999999999999'), fc.constant('\u0000'),
  fc.constant('a\u0000b'), fc.constant('😀'), fc.constant('a'.repeat(70_000)), fc.constant('{"default":{"outcome":"x"}}'), fc.constant('(['),
  fc.string({ maxLength: 30 }), fc.integer().map(String),
)
const badJson = fc.oneof(badText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }))

const envelope = (res: LightMyRequestResponse): void => {
  assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
  if (res.statusCode === 200) return
  assert.ok([403, 404, 412, 423, 501].includes(res.statusCode), `status ${res.statusCode}: ${res.body.slice(0, 200)}`)
  assert.equal(res.json().error.code, res.statusCode)
}

for (const kind of TEST_DATABASES) {
  describe(`ICTCore programs, subscriptions, providers and statistics refuse bad input in their envelope (${kind})`, () => {
    let app: TestApp
    let headers: Record<string, string>
    const ids = { program: 0, account: 0, provider: 0, document: 0, text: 0 }
    before(async () => {
      app = await startTestApp(kind)
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      headers = { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` }
      ids.document = (await app.core.db.insert(documents).values({ tenantId: null, userId: admin.id, name: 'd' }).returning())[0]!.id
      ids.text = (await app.core.db.insert(texts).values({ tenantId: null, userId: admin.id, name: 't', data: 'x', type: 'plain' }).returning())[0]!.id
      ids.account = (await app.http.inject({ method: 'POST', url: '/api/accounts', payload: { username: 'fuzz' }, headers })).json()
      ids.program = (await app.http.inject({ method: 'POST', url: '/api/programs/receivefax', payload: {}, headers })).json()
      ids.provider = (await app.http.inject({ method: 'POST', url: '/api/providers', payload: { name: 'fz', type: 'sandbox' }, headers })).json()
    })
    after(async () => { await app.stop() })

    const bodies: [string, string, () => Record<string, unknown>][] = [
      ['POST', '/api/programs', () => ({ type: 'sendfax', document_id: ids.document, name: 'n', parent_id: ids.program, account_id: ids.account })],
      ['POST', '/api/programs/voicetts', () => ({ text: 'hello', text_id: ids.text, account_id: ids.account })],
      ['POST', '/api/programs/faxtoemail', () => ({ email: 'a@b.cd', account_id: ids.account, parent_id: ids.program })],
      ['POST', '/api/programs/forward', () => ({ extension_id: ids.account, name: 'f' })],
      ['PUT', '/api/programs/:program', () => ({ name: 'n', parent_id: ids.program, account_id: ids.account })],
      ['PUT', '/api/accounts/:account/programs/receivesms', () => ({ name: 'n' })],
      ['POST', '/api/providers', () => ({ name: 'p', type: 'sip', host: 'h.example', username: 'u', password: 'p', port: 5060, service_flag: 3, weight: 1, prefix: '9', register: 1, active: 1, node_id: 1, settings: '{}' })],
      ['PUT', '/api/providers/:provider', () => ({ name: 'p2', type: 'sandbox', settings: '{"default":{"outcome":"busy"}}', weight: 2 })],
    ]
    for (const [method, path, base] of bodies) {
      test(`${method} ${path} answers every mutated body with 200 or its envelope`, async () => {
        await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...Object.keys(base()), 'type'), badJson, { minKeys: 1, maxKeys: 4 }), async (replace) => {
          const url = path.replace(':program', String(ids.program)).replace(':account', String(ids.account)).replace(':provider', String(ids.provider))
          envelope(await app.http.inject({ method: method as 'POST', url, payload: { ...base(), ...replace }, headers }))
        }), { numRuns: RUNS })
      })
    }

    test('list filters and path segments answer with 200 or the envelope', async () => {
      const lists = ['/api/programs', '/api/programs/sendfax', '/api/providers', '/api/statistics']
      const keys = ['program_id', 'parent_id', 'user_id', 'created_by', 'type', 'name', 'limit', 'offset', 'provider_id', 'active', 'node_id', 'register',
        'service_flag', 'gateway_flag', 'host', 'username', 'since', 'from', 'date_created', 'account_type']
      await fc.assert(fc.asyncProperty(fc.constantFrom(...lists), fc.dictionary(fc.constantFrom(...keys), badText, { minKeys: 1, maxKeys: 3 }), async (url, query) => {
        envelope(await app.http.inject({ method: 'GET', url, query, headers }))
      }), { numRuns: RUNS * 3 })
      await fc.assert(fc.asyncProperty(badText, fc.constantFrom('GET /api/programs/', 'DELETE /api/programs/', 'PUT /api/accounts/1/programs/', 'DELETE /api/accounts/1/programs/', 'GET /api/providers/'), async (seg, route) => {
        const [method, prefix] = route.split(' ') as [string, string]
        const res = await app.http.inject({ method: method as 'GET', url: prefix + encodeURIComponent(seg.slice(0, 200)), headers })
        envelope(res)
      }), { numRuns: RUNS * 2 })
    })
  })
}
