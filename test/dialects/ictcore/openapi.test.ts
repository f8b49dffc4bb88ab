import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { ICTCORE_OPERATIONS } from '../../../src/dialects/ictcore/operations.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { until } from '../../helpers/poll.ts'
import { basic } from '../../helpers/wire.ts'

// Issue 19 point 2: every ICTCore route in /docs has its request body, reply and error schemas with
// examples; the schemas are documentation only (the codec keeps the spec's messages) and cannot drift
// from what the routes really answer (real replies are checked against them).

interface OpenApiOperation {
  tags?: string[]
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown; examples?: unknown }> }
  responses?: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> }>
}
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> }

const replyOf = (wireId: string): TSchema => {
  const op = ICTCORE_OPERATIONS.operations.find((o) => o.wireId === wireId)
  assert.ok(op, `${wireId} is in the table`)
  return op.serve.reply
}

/** The reply body of a request, checked against the reply schema its operation declares. */
function assertMatches(wireId: string, body: unknown): void {
  const schema = replyOf(wireId)
  const errors = Value.Errors(schema, body).slice(0, 3)
  assert.deepEqual(errors, [], `${wireId}: the reply ${JSON.stringify(body).slice(0, 300)} does not match its schema`)
}

for (const kind of TEST_DATABASES) {
  describe(`ICTCore in /docs: request, reply and error schemas (${kind})`, () => {
    let app: TestApp
    let doc: OpenApiDoc
    let auth: { authorization: string }
    before(async () => {
      app = await startTestApp(kind, {}, { dispatch: true })
      const admin = await app.user(null, { roles: ['admin', 'user'] })
      auth = { authorization: basic(admin.username, admin.password) }
      doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
    })
    after(async () => { await app.stop() })

    const ictcoreOperations = () => Object.entries(doc.paths).filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, op })))

    test('every ICTCore operation in /docs has a 200 reply schema and the error envelope for 401 and 412', () => {
      const ops = ictcoreOperations()
      assert.ok(ops.length > 200, `${ops.length} ICTCore operations in /docs`)
      const missing = ops.filter(({ op }) => {
        const content = (status: string) => Object.values(op.responses?.[status]?.content ?? {})[0]?.schema
        return !content('200') || !content('401') || !content('412')
      }).map((o) => o.key)
      assert.deepEqual(missing, [], 'operations without reply or error schemas')
    })

    test('every ICTCore POST and PUT in /docs has a request body schema with an example', () => {
      const writes = ictcoreOperations().filter((o) => o.method === 'post' || o.method === 'put' || o.method === 'patch')
      assert.ok(writes.length > 100, `${writes.length} writing operations`)
      const missing = writes.filter(({ op }) => {
        const media = Object.values(op.requestBody?.content ?? {})[0]
        if (!media?.schema) return true
        // A raw upload (media, CSV) is binary; a JSON body carries its example.
        const binary = (media.schema as { format?: string }).format === 'binary'
        return !binary && media.example === undefined && media.examples === undefined && (media.schema as { examples?: unknown }).examples === undefined
      }).map((o) => o.key)
      assert.deepEqual(missing, [], 'writing operations without a documented body')
    })

    test('/api/authenticate documents its credentials body and its token reply, and needs no sign-in', () => {
      const op = doc.paths['/api/authenticate']!.post!
      const body = op.requestBody!.content['application/json']!.schema as { properties: Record<string, unknown>; required?: string[] }
      assert.ok(body.properties.username && body.properties.password && body.properties.email)
      assert.deepEqual(body.required, ['password'])
      const reply = op.responses!['200']!.content!['application/json']!.schema as { properties: Record<string, unknown> }
      for (const field of ['token', 'access_token', 'token_type', 'expires_in', 'user_id', 'is_admin']) assert.ok(reply.properties[field], field)
      assert.equal(op.responses!['403'], undefined, 'a public route has no 403')
    })

    test('two operations of one path shape share one /docs entry that describes both', () => {
      const op = doc.paths['/api/programs/{program_id}']!.get!
      assert.match(String((op as { summary?: string }).summary), /Read a program.*\/.*type/i)
      const reply = op.responses!['200']!.content!['application/json']!.schema as { anyOf?: { type?: string }[] }
      assert.deepEqual(reply.anyOf?.map((s) => s.type), ['object', 'array'])
    })

    test('the schemas only document: a body they would refuse gets the spec\'s answer, not a schema error', async () => {
      // No password: the spec's 401 (§2.1), where schema validation would have said 400.
      const login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: 'nobody' } })
      assert.deepEqual([login.statusCode, login.json()], [401, { error: { code: 401, message: 'Invalid credentials' } }])
      // A list of contacts as the body: the codec's 412 for body.
      const contact = await app.http.inject({ method: 'POST', url: '/api/contacts', headers: auth, payload: [1, 2] })
      assert.deepEqual([contact.statusCode, contact.json()], [412, { error: { code: 412, message: 'Data validation failed, for body' } }])
      // An ill-typed field: the codec names it.
      const typed = await app.http.inject({ method: 'POST', url: '/api/contacts', headers: auth, payload: { phone: '+61291234567', first_name: 5 } })
      assert.deepEqual(typed.json(), { error: { code: 412, message: 'Data validation failed, for first_name' } })
    })

    test('real replies of every resource (create, read, list, update, status) match the reply schemas their operations declare', async () => {
      const call = async (method: string, url: string, payload?: unknown) => {
        const res = await app.http.inject({ method: method as 'GET', url: `/api${url}`, headers: auth, ...(payload === undefined ? {} : { payload: payload as object }) })
        assert.equal(res.statusCode, 200, `${method} ${url}: ${res.body}`)
        return res.json() as unknown
      }
      const check = async (wireId: string, url: string, payload?: unknown) => {
        const method = wireId.split(/[ ,]/)[0]!
        const body = await call(method, url, payload)
        assertMatches(wireId, body)
        return body
      }
      const login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: 'admin-x', password: 'x' } })
      assert.equal(login.statusCode, 401)
      const u = await app.user(null, { roles: ['admin', 'user'] })
      assertMatches('POST /authenticate', (await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { username: u.username, password: u.password } })).json())

      const provider = await check('POST /providers', '/providers', { name: 'sandbox', type: 'sandbox' }) as number
      await check('GET /providers/{provider_id}', `/providers/${provider}`)
      await check('GET /providers', '/providers')
      await check('PUT /providers/{provider_id}', `/providers/${provider}`, { description: 'test' })

      const user = await check('POST /users', '/users', { username: 'schema.user', passwd: `pw-${Date.now()}-schema`, email: 'schema@example.com' }) as number
      await check('GET /users/{user_id}', `/users/${user}`)
      await check('GET /users', '/users')
      await check('GET /users/{user_id}/roles', `/users/${user}/roles`)
      const role = await check('POST /roles', '/roles', { name: 'schema-role' }) as number
      await check('GET /roles/{role_id}', `/roles/${role}`)
      const permission = await check('POST /permissions', '/permissions', { name: 'schema_check' }) as number
      await check('PUT /roles/{role_id}/permissions/{permission_id}', `/roles/${role}/permissions/${permission}`)
      await check('GET /permissions', '/permissions')
      await check('PUT /users/{user_id}/roles/{role_id}', `/users/${user}/roles/${role}`)

      const account = await check('POST /dids', '/dids', { phone: '+61290000001', settings: { greeting: 'hi' } }) as number
      await check('GET /accounts/{account_id}', `/accounts/${account}`)
      await check('GET /dids', '/dids')
      await check('PUT /accounts/{account_id}/settings/{name}', `/accounts/${account}/settings/colour`, { value: 'blue' })
      await check('GET /accounts/{account_id}/settings/{name}', `/accounts/${account}/settings/colour`)

      const contact = await check('POST /contacts', '/contacts', { first_name: 'Ann', phone: 61291234567 }) as number
      await check('GET /contacts/{contact_id}', `/contacts/${contact}`)
      await check('GET /contacts', '/contacts')
      await check('PUT /contacts/{contact_id}', `/contacts/${contact}`, { email: 'ann@example.com' })
      const group = await check('POST /groups', '/groups', { name: 'Customers' }) as number
      await check('PUT /contacts/{contact_id}/link/{group_id}', `/contacts/${contact}/link/${group}`)
      await check('GET /groups/{group_id}', `/groups/${group}`)
      await check('GET /groups', '/groups')

      const text = await check('POST /messages/texts', '/messages/texts', { name: 'Reminder', data: 'Your order is ready' }) as number
      await check('GET /messages/texts/{text_id}', `/texts/${text}`)
      await check('GET /messages/texts', '/texts')
      const document = await check('POST /messages/documents', '/messages/documents', { name: 'Invoice' }) as number
      await check('GET /messages/documents/{document_id}', `/documents/${document}`)
      const template = await check('POST /messages/templates', '/templates', { name: 'Welcome', subject: 'Hi', body: '<p>Hi</p>' }) as number
      await check('GET /messages/templates/{template_id}', `/templates/${template}`)
      const recording = await check('POST /messages/recordings', '/recordings', { name: 'Greeting' }) as number
      await check('GET /messages/recordings/{recording_id}', `/recordings/${recording}`)

      const program = await check('POST /programs/{type}', '/programs/sendsms', { text_id: text, account_id: account }) as number
      await check('GET /programs/{program_id}', `/programs/${program}`)
      await check('GET /programs', '/programs')
      await check('PUT /programs/{program_id}', `/programs/${program}`, { name: 'Renamed' })
      const inbound = await check('PUT /accounts/{account_id}/programs/{type}', `/accounts/${account}/programs/receivesms`, {}) as number
      await check('GET /programs/{program_id}', `/programs/${inbound}`)
      await check('GET /users/{user_id}/accounts', `/users/${user}/accounts`)

      const campaign = await check('POST /campaigns', '/campaigns', { program_id: program, group_id: group }) as number
      await check('GET /campaigns/{campaign_id}', `/campaigns/${campaign}`)
      await check('GET /campaigns', '/campaigns')
      await check('POST, PUT /campaigns/{campaign_id}/start/schedule', `/campaigns/${campaign}/start/schedule`, { delay: 3600 })

      const transmission = await check('POST /transmissions', '/transmissions', { program_id: program, contact_id: contact }) as number
      await check('GET /transmissions/{transmission_id}', `/transmissions/${transmission}`)
      const spool = await check('POST /transmissions/{transmission_id}/send', `/transmissions/${transmission}/send`) as number
      await until('the transmission completes', () => call('GET', `/transmissions/${transmission}/status`), (status) => status === 'completed')
      await check('GET /transmissions/{transmission_id}/status', `/transmissions/${transmission}/status`)
      await check('GET /transmissions', '/transmissions')
      await check('GET /spools/{spool_id}', `/spools/${spool}`)
      await check('GET /spools/{spool_id}/status', `/spools/${spool}/status`)
      await check('GET /transmissions/{transmission_id}/detail', `/transmissions/${transmission}/detail`)
      const results = await check('GET /transmissions/{transmission_id}/result', `/transmissions/${transmission}/result`) as unknown[]
      assert.ok(results.length > 0, 'the send left result rows')
      await check('GET /statistics', '/statistics')
      await check('DELETE /contacts/{contact_id}/link/{group_id}', `/contacts/${contact}/link/${group}`)
      await check('DELETE /roles/{role_id}', `/roles/${role}`)
    })

    test('a reply that differs from its schema is caught by the check (the check can fail)', () => {
      assert.throws(() => assertMatches('GET /contacts/{contact_id}', { contact_id: 1, first_name: 'Ann' }))
      assert.throws(() => assertMatches('POST /contacts', '12'))
    })
  })
}
