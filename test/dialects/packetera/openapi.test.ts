import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { PACKETERA_OPERATIONS } from '../../../src/dialects/packetera/operations.ts'
import { ButtonJson, CallbackStatus, PairsJson, TransactionRequest } from '../../../src/dialects/packetera/wire-schemas.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { addActiveMember, credentials, ENDPOINT, get, type Partner } from './packetera-client.ts'

// Issue 19 point 2: Packetera's endpoint in /docs carries TransactionType (every §6 code), the
// fields the transactions read, and the Name/Value reply in its three formats; the hosted pages
// their replies. The schemas only document; real replies are checked against them.

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: { enum?: string[] } }[]
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
  responses?: Record<string, { content?: Record<string, unknown> }>
}
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> }

const SRC = new URL('../../../src/dialects/packetera/', import.meta.url)

/** The field names the dialect's code reads from a request (`requiredField(input, 'FirstName', 20)`, `input.get('ActivationId')`). */
function fieldsReadInCode(): Set<string> {
  const files = [...readdirSync(SRC).filter((f) => f.endsWith('.ts')), ...readdirSync(new URL('operations/', SRC)).map((f) => `operations/${f}`)]
  const names = new Set<string>()
  for (const f of files) {
    const text = readFileSync(new URL(f, SRC), 'utf8')
    for (const m of text.matchAll(/[A-Za-z]+\((?:ctx\.)?input, '([A-Za-z_]+)'|input\.(?:get|raw)\('([A-Za-z_]+)'/g)) names.add(m[1] ?? m[2]!)
  }
  return names
}

function assertMatches(schema: TSchema, body: unknown): void {
  assert.deepEqual(Value.Errors(schema, body).slice(0, 3), [], `${JSON.stringify(body).slice(0, 300)} does not match its schema`)
}

for (const kind of TEST_DATABASES) {
  describe(`Packetera in /docs (${kind})`, () => {
    let app: TestApp
    let doc: OpenApiDoc
    let partner: Partner
    before(async () => {
      app = await startTestApp(kind)
      partner = await app.reseller()
      doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
    })
    after(async () => { await app.stop() })

    test('the endpoint documents TransactionType with every code of the table, as a query (GET) and a form (POST)', () => {
      const ops = doc.paths[ENDPOINT]!
      const codes = PACKETERA_OPERATIONS.operations.map((o) => o.wireId)
      const type = ops.get!.parameters!.find((p) => p.name === 'TransactionType')!
      assert.deepEqual(type.schema!.enum, codes)
      assert.ok(ops.post!.requestBody!.content!['application/x-www-form-urlencoded']!.schema!.properties!.TransactionType)
      for (const op of [ops.get!, ops.post!]) assert.deepEqual(Object.keys(op.responses!['200']!.content!).sort(), ['application/json', 'application/xml', 'text/plain'])
    })

    test('every field a transaction reads is documented', () => {
      const documented = Object.keys(TransactionRequest.properties)
      const read = [...fieldsReadInCode()]
      assert.ok(read.length > 15, `${read.length} fields read`)
      assert.deepEqual(read.filter((n) => !documented.includes(n)), [])
    })

    test('real replies match the documented pairs and hosted replies', async () => {
      const member = await addActiveMember(app, partner)
      const asJson = async (fields: Record<string, string>) => (await get(app, { ...fields, ResponseFormat: 'json' })).json()
      assertMatches(PairsJson, await asJson({ TransactionType: '1303', ...credentials(partner, member) }))
      assertMatches(PairsJson, await asJson({ TransactionType: '3101', ...credentials(partner, member), ButtonName: 'Sales' }))
      const failure = await asJson({ TransactionType: '4101', ...credentials(partner, member) })
      assert.equal(failure.Status, 'Failure')
      assertMatches(PairsJson, failure)
      const button = await app.http.inject({ method: 'GET', url: `/packetera/button/${member.buttonGuid}.json` })
      assert.equal(button.statusCode, 200)
      assertMatches(ButtonJson, button.json())
      const submit = await app.http.inject({
        method: 'POST', url: `/packetera/teleform/${member.buttonGuid}/callback`, headers: { accept: 'application/json', 'content-type': 'application/json' },
        payload: { phone: '+61291234567', name: 'Jane' },
      })
      assert.equal(submit.statusCode, 202, submit.body)
      const status = await app.http.inject({ method: 'GET', url: `/packetera/callback/${(submit.json() as { requestId: string }).requestId}.json` })
      assertMatches(CallbackStatus, status.json())
    })
  })
}
