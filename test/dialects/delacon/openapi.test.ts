import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { systemActor } from '../../../src/core/actor.ts'
import { addNumbers } from '../../../src/core/numbers/index.ts'
import { EnvelopeReply, NumberTypesReply } from '../../../src/dialects/delacon/wire-schemas.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { newCustomer, postForm, PREFIX } from './delacon-helpers.ts'

// Issue 19 point 2: Delacon's calls in /docs carry their parameters and result envelopes; the
// schemas only document (replies keep the §3 key order and texts) and match what the calls answer.

type OpenApiDoc = { paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, { content?: unknown }> }>> }

function assertMatches(schema: TSchema, body: unknown): void {
  assert.deepEqual(Value.Errors(schema, body).slice(0, 3), [], `${JSON.stringify(body)} does not match its schema`)
}

for (const kind of TEST_DATABASES) {
  describe(`Delacon in /docs (${kind})`, () => {
    let app: TestApp
    let key: string
    before(async () => {
      app = await startTestApp(kind)
      key = (await app.reseller()).apiKey
    })
    after(async () => { await app.stop() })

    test('every Delacon call in /docs has its reply schema, and provision and updatecustomer their parameters', async () => {
      const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
      const ops = Object.entries(doc.paths).filter(([path]) => path.startsWith('/delacon/'))
        .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, method, op })))
      assert.equal(ops.length, 4)
      assert.deepEqual(ops.filter((o) => !o.op.responses?.['200']?.content).map((o) => o.key), [])
      const posts = ops.filter((o) => o.method === 'post' && !o.key.includes('getnumbertypes'))
      assert.equal(posts.length, 2)
      assert.deepEqual(posts.filter((o) => !o.op.requestBody).map((o) => o.key), [])
    })

    test('/docs names the path variables as spec §1 does: {companyID} and {location}', async () => {
      const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
      const paths = Object.keys(doc.paths).filter((path) => path.startsWith('/delacon/')).sort()
      assert.deepEqual(paths, ['/delacon/rest/config/getnumbertypes/{location}', '/delacon/rest/config/provision', '/delacon/rest/config/updatecustomer/{companyID}'])
      const names = (path: string) => Object.values(doc.paths[path]!).map((op) => (op as { parameters?: { name: string; in: string }[] }).parameters?.map((p) => `${p.in}:${p.name}`))
      assert.deepEqual(names('/delacon/rest/config/updatecustomer/{companyID}'), [['path:companyID']])
      assert.deepEqual(names('/delacon/rest/config/getnumbertypes/{location}'), [['path:location'], ['path:location']])
    })

    test('real replies match the documented envelopes, byte for byte as the spec orders them', async () => {
      await addNumbers(app.core, systemActor, { region: 'AU', numberType: '1300', count: 2 })
      const ok = await postForm(app, '/provision', key, newCustomer())
      assert.match(ok.body, /^\{"RESULT":"OK","OrderId":"\d+","CID":"\d+","Numbers":"1300\d+, 1300\d+"\}$/)
      assertMatches(EnvelopeReply, ok.json())
      const invalid = await postForm(app, '/provision', key, newCustomer({ numbers: '11' }))
      assert.equal(invalid.body, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - numbers must be between 1 and 10"}')
      assertMatches(EnvelopeReply, invalid.json())
      const cid = (ok.json() as { CID: string }).CID
      const updated = await postForm(app, `/updatecustomer/${cid}`, key, { whisper: 'Y' })
      assert.equal(updated.body, '{"RESULT":"OK","MESSAGE":"Customer details updated"}')
      assertMatches(EnvelopeReply, updated.json())
      const types = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/JP`, headers: { Auth: key } })
      assertMatches(NumberTypesReply, types.json())
      const unknown = await app.http.inject({ method: 'GET', url: `${PREFIX}/getnumbertypes/Atlantis`, headers: { Auth: key } })
      assert.equal(unknown.body, '{"RESULT":"FAIL","MESSAGE":"Unknown location: Atlantis"}')
      assertMatches(NumberTypesReply, unknown.json())
    })
  })
}
