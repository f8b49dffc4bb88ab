import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'

// Issue 19 point 2: /docs is usable — every route of every dialect documents its reply and what a
// write takes, each dialect's sign-in is declared, and routes are grouped by dialect.

interface OpenApiOperation {
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: { in: string; name: string }[]
  requestBody?: { content?: Record<string, { schema?: unknown }> }
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
interface OpenApiDoc {
  tags: { name: string }[]
  components: { securitySchemes: Record<string, { type: string }> }
  paths: Record<string, Record<string, OpenApiOperation>>
}

for (const kind of TEST_DATABASES) {
  describe(`/docs (${kind})`, () => {
    let app: TestApp
    let doc: OpenApiDoc
    before(async () => {
      app = await startTestApp(kind)
      const res = await app.http.inject({ method: 'GET', url: '/docs/json' })
      assert.equal(res.statusCode, 200)
      doc = res.json() as OpenApiDoc
    })
    after(async () => { await app.stop() })

    const operations = () => Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, op })))

    test('GET /docs/json is an OpenAPI document of every dialect\'s routes', () => {
      assert.ok((doc as unknown as { openapi: string }).openapi.startsWith('3.'))
      const tags = new Set(operations().map((o) => o.op.tags?.[0]))
      for (const tag of ['system', 'ictcore', 'packetera', 'resellerclub', 'porta', 'delacon', 'native']) assert.ok(tags.has(tag), tag)
      assert.deepEqual(operations().filter((o) => !o.op.tags?.length).map((o) => o.key), [], 'every route is in a dialect\'s group')
    })

    test('every route in /docs, of every dialect, documents its success reply with a schema', () => {
      const missing = operations().filter(({ op }) => {
        const success = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status))
        if (!success.length) return true
        // 204 carries no body; every other success reply has a schema for each media type it lists.
        return success.some(([status, r]) => status !== '204' && (!r.content || !Object.keys(r.content).length || Object.values(r.content).some((m) => !m.schema)))
      }).map((o) => o.key)
      assert.deepEqual(missing, [], 'routes without a success reply schema')
    })

    test('every POST and PUT in /docs documents what it takes: a request body or parameters', () => {
      const writes = operations().filter((o) => o.method === 'post' || o.method === 'put')
      assert.ok(writes.length > 100, `${writes.length} writes`)
      const missing = writes.filter(({ op }) => {
        const body = Object.values(op.requestBody?.content ?? {}).some((m) => m.schema)
        return !body && !op.parameters?.length
      }).map((o) => o.key)
      assert.deepEqual(missing, [], 'writes without a request schema')
    })

    test('each dialect\'s sign-in is declared, and public pages need none', () => {
      assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), [
        'delaconAuth', 'ictcoreBasic', 'ictcoreBearer', 'nativeBasic', 'nativeBearer', 'packeteraPassword', 'packeteraUser', 'resellerclubApiKey', 'resellerclubUserId',
      ])
      assert.deepEqual(doc.paths['/api/contacts']!.get!.security, [{ ictcoreBearer: [] }, { ictcoreBasic: [] }])
      assert.deepEqual(doc.paths['/native/resellers']!.post!.security, [{ nativeBearer: [] }, { nativeBasic: [] }])
      assert.deepEqual(doc.paths['/delacon/rest/config/provision']!.post!.security, [{ delaconAuth: [] }])
      assert.deepEqual(doc.paths['/resellerclub/api/customers/details.json']!.get!.security, [{ resellerclubUserId: [], resellerclubApiKey: [] }])
      assert.deepEqual(doc.paths['/packetera/cbc_APIs.aspx']!.post!.security, [{ packeteraUser: [], packeteraPassword: [] }])
      for (const [path, method] of [['/packetera/teleform/{guid}', 'get'], ['/packetera/button.js', 'get'], ['/resellerclub/password-reset', 'get'], ['/api/authenticate', 'post']] as const) {
        assert.deepEqual(doc.paths[path]![method]!.security, [], `${path} is public`)
      }
      // Porta's License is a path segment: no scheme to declare.
      assert.equal(doc.paths['/porta/GetProducts/{License}/{Currency}']!.get!.security, undefined)
    })
  })
}
