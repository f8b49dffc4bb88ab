import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { dtoSchema } from '../../../src/dialects/porta/docs.ts'
import { PORTA_ROUTES } from '../../../src/dialects/porta/operations.ts'
import { ErrorResponse, ProductBinding, ProductResponse } from '../../../src/dialects/porta/servicestack/dto.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'
import { TEST_DATABASES } from '../../helpers/database.ts'
import { createCatalogData, type CatalogData } from './catalog-data.ts'

// Issue 19 point 2: /docs shows Porta's wire routes (spec/porta.md §3, §5, §9), generated from the
// route table and the DTOs, instead of the one catch-all route that serves them; the reply schemas
// (from the DTO declarations) match what the routes really answer.

interface OpenApiOperation {
  summary?: string
  parameters?: { in: string; name: string }[]
  requestBody?: { content?: Record<string, unknown> }
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}
type OpenApiDoc = { paths: Record<string, Record<string, OpenApiOperation>> }

function assertMatches(schema: TSchema, body: unknown, what: string): void {
  assert.deepEqual(Value.Errors(schema, body).slice(0, 3), [], `${what}: ${JSON.stringify(body).slice(0, 300)} does not match its schema`)
}

for (const kind of TEST_DATABASES) {
  describe(`Porta in /docs (${kind})`, () => {
    let app: TestApp
    let doc: OpenApiDoc
    let c: CatalogData
    before(async () => {
      app = await startTestApp(kind)
      c = await createCatalogData(app)
      doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
    })
    after(async () => { await app.stop() })

    test('every §3 route is in /docs with its path variables, the other Product fields as query parameters and the reply schemas', () => {
      assert.equal(PORTA_ROUTES.length, 43)
      const problems: string[] = []
      for (const r of PORTA_ROUTES) {
        const path = `/porta${r.path.replace(/:(\w+)/g, '{$1}')}`
        const op = doc.paths[path]?.[r.verb.toLowerCase()]
        if (!op) { problems.push(`${r.verb} ${path}: not in /docs`); continue }
        const vars = r.path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1))
        const params = (where: string) => (op.parameters ?? []).filter((p) => p.in === where).map((p) => p.name)
        if (params('path').join() !== vars.join()) problems.push(`${path}: path parameters ${params('path').join()}`)
        if (params('query').length + vars.length < ProductBinding.fields.length) problems.push(`${path}: query parameters`)
        if (!op.responses?.['200']?.content?.['application/json']?.schema) problems.push(`${path}: reply schema`)
        if (!op.responses?.['401']?.content?.['application/json']?.schema) problems.push(`${path}: error schema`)
        if (!op.summary?.startsWith(r.operation.wireId)) problems.push(`${path}: summary ${op.summary}`)
      }
      assert.deepEqual(problems, [])
    })

    test('the predefined routes and metadata pages are in /docs; the catch-all that serves them all is not', () => {
      for (const path of ['/porta/api/Product', '/porta/{format}/reply/Product', '/porta/{format}/oneway/Product']) {
        assert.ok(doc.paths[path]?.post?.requestBody?.content?.['application/json'], path)
      }
      for (const path of ['/porta/metadata', '/porta/{format}/metadata', '/porta/types/typescript']) assert.ok(doc.paths[path]?.get, path)
      assert.deepEqual(Object.keys(doc.paths).filter((p) => p.startsWith('/porta/') && p.includes('*')), [])
    })

    test('real replies match the schemas generated from the DTOs', async () => {
      const reply = dtoSchema(ProductResponse)
      const get = async (url: string) => {
        const res = await app.http.inject({ method: 'GET', url: `/porta${url}` })
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
        return res.json()
      }
      for (const url of [
        `/GetProducts/${c.apiKey}/GBP`, `/GetAccounts/${c.apiKey}/${c.customerId}`, `/GetAccountInfoByIAccount/${c.apiKey}/${c.accounts.sip}`,
        `/GetProductAddons/${c.apiKey}/${c.products.gold}`, `/GetPurchasedProductAddons/${c.apiKey}/${c.accounts.sip}`,
        `/GetProductAccounts/${c.apiKey}/${c.products.gold}`,
      ]) assertMatches(reply, await get(url), url)
      const predefined = await app.http.inject({ method: 'POST', url: '/porta/json/reply/Product', payload: { License: c.apiKey, ICustomer: c.customerId } })
      assert.equal(predefined.statusCode, 200, predefined.body)
      assertMatches(reply, predefined.json(), 'json/reply/Product')
      const refused = await app.http.inject({ method: 'GET', url: `/porta/GetAccounts/not-a-key/${c.customerId}` })
      assert.equal(refused.statusCode, 401)
      assertMatches(dtoSchema(ErrorResponse), refused.json(), 'refused')
    })
  })
}
