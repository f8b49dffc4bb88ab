import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { ICTCORE_OPERATIONS } from '../../../src/dialects/ictcore/operations.ts'
import { startTestApp, type TestApp } from '../../helpers/app.ts'

// The operation table is the router's only source (issue 12 point 4): besides the path each
// operation names (test/dialects/operation-tables.test.ts), its aliases and the GET …/delete of a
// DELETE (spec/ictcore.md §3) are served, and PATCH follows PUT (§1).

const NOT_FOUND = JSON.stringify({ error: { code: 404, message: 'Not Found' } })
/** An id fits every `…_id`; `{type}` is a program type name, `{name}` a setting name (§1, §4.2, §4.9). */
const concrete = (path: string) => path.replace(/:([a-z_]+)/g, (_m, name: string) => (name === 'type' ? 'sendsms' : name === 'name' ? 'ring' : '1'))

/** Every method and concrete path an operation is served at. */
function served(): { wireId: string; method: string; url: string }[] {
  const out: { wireId: string; method: string; url: string }[] = []
  for (const op of ICTCORE_OPERATIONS.operations) {
    for (const path of [op.path, ...(op.serve.aliases ?? [])]) {
      for (const method of op.methods) {
        const url = `/api${concrete(path)}`
        out.push({ wireId: op.wireId, method, url })
        if (method === 'DELETE') out.push({ wireId: op.wireId, method: 'GET', url: `${url}/delete` })
        if (method === 'PUT') out.push({ wireId: op.wireId, method: 'PATCH', url })
      }
    }
  }
  return out
}

describe('ICTCore operation table, issue 12 point 4', () => {
  // Routing does not depend on the database: PGlite only.
  let app: TestApp
  let auth: Record<string, string>
  before(async () => {
    app = await startTestApp('pglite')
    const admin = await app.user(null, { roles: ['admin', 'user'] })
    auth = { authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}` }
  })
  after(async () => { await app.stop() })

  test('only public operations are /authenticate and /authenticate/cancel (spec §2.1, §2.2)', () => {
    const open = ICTCORE_OPERATIONS.operations.filter((o) => o.serve.public).map((o) => o.wireId)
    assert.deepEqual(open, ['POST /authenticate', 'POST /authenticate/cancel'])
  })

  test('an alias never repeats a path of the table', () => {
    const paths = new Set(ICTCORE_OPERATIONS.operations.map((o) => o.path))
    for (const op of ICTCORE_OPERATIONS.operations) {
      for (const alias of op.serve.aliases ?? []) assert.ok(!paths.has(alias), `${op.wireId}: alias ${alias} is an operation's path`)
    }
  })

  test('every path, alias, GET …/delete and PATCH of the table reaches its operation, not the §1 404', async () => {
    for (const { wireId, method, url } of served()) {
      const res = await app.http.inject({ method: method as 'GET', url, headers: auth })
      assert.ok(!(res.statusCode === 404 && res.body === NOT_FOUND), `${wireId}: ${method} ${url} answered the generic 404`)
    }
  })

  test('HEAD is served on a GET that reads, and is the §1 404 on a GET that acts (…/delete, …/clone, …/start, …/stop)', async () => {
    assert.equal((await app.http.inject({ method: 'HEAD', url: '/api/users', headers: auth })).statusCode, 200)
    for (const url of ['/api/contacts/1/delete', '/api/transmissions/1/clone', '/api/campaigns/1/start', '/api/campaigns/1/stop']) {
      const res = await app.http.inject({ method: 'HEAD', url, headers: auth })
      assert.equal(res.statusCode, 404, url)
    }
  })
})
