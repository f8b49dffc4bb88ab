import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { buildApp, type SwitchboardApp } from '../../src/app.ts'
import { insertUser } from '../../src/core/users/index.ts'
import type { Database } from '../../src/db/client.ts'
import type { DialectName, OperationEntry } from '../../src/dialects/operation.ts'
import { listDialectOperations, OPERATION_TABLES } from '../../src/dialects/operation-tables.ts'
import { testConfig, testLogger } from '../helpers/app.ts'
import { openTestDatabase } from '../helpers/database.ts'

// House style "A dialect route only translates": one file per wire operation, one table per dialect
// that the router reads and the tests enumerate (issue 12 point 4).

const OPERATIONS_DIR = new URL('../../src/dialects/', import.meta.url)

/**
 * A value for a path parameter that names no specific row: 1, except where a parameter is not an
 * id — ICTCore's `{type}` is a program type name, any other name being its generic 404 (spec/ictcore.md §1, §4.2).
 */
const PARAM_EXAMPLES: Record<string, string> = { type: 'sendsms' }

/** A concrete URL path for a Fastify pattern: `:param` → its example (default 1), `*` → one segment. */
function concretePath(pattern: string): string {
  return pattern.replace(/:([A-Za-z_]+)/g, (_m, name: string) => PARAM_EXAMPLES[name] ?? '1').replace(/\*/g, 'x')
}

describe('operation tables', () => {
  test('every table lists each operation once: unique wire ids, unique method and path', () => {
    for (const table of OPERATION_TABLES) {
      const ids = table.operations.map((o) => o.wireId)
      assert.deepEqual([...new Set(ids)], ids, `${table.dialect}: duplicate wire id`)
      // A dispatching dialect (one route, many wire ids) may serve several operations on one method
      // and path: the wire id tells them apart. Every REST operation is its own method and path.
      if (table.dispatch) {
        assert.ok(table.dispatch.path.startsWith('/'), `${table.dialect}: dispatch path under the prefix`)
        assert.ok(table.dispatch.methods.length > 0, `${table.dialect}: dispatch methods`)
        for (const o of table.operations) {
          for (const m of o.methods) assert.ok(table.dispatch.methods.includes(m), `${table.dialect} ${o.wireId}: ${m} reaches the dispatch route`)
        }
      } else {
        const routes = table.operations.flatMap((o) => o.methods.map((m) => `${m} ${o.path}`))
        assert.deepEqual([...new Set(routes)], routes, `${table.dialect}: a method and path served twice`)
      }
      for (const o of table.operations) {
        assert.ok(o.path.startsWith('/'), `${table.dialect} ${o.wireId}: path under the prefix`)
        assert.ok(o.methods.length > 0, `${table.dialect} ${o.wireId}: methods`)
        assert.ok(o.summary.length > 0, `${table.dialect} ${o.wireId}: summary`)
      }
    }
  })

  test('each file of a dialect\'s operations/ holds exactly one operation of its table, and each operation has its file', async () => {
    for (const table of OPERATION_TABLES) {
      const dir = new URL(`${table.dialect}/operations/`, OPERATIONS_DIR)
      const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()
      const found = new Set<unknown>()
      for (const file of files) {
        const exports = Object.values(await import(new URL(file, dir).href) as Record<string, unknown>)
        const ops = exports.filter((v) => table.operations.includes(v as never))
        assert.equal(ops.length, 1, `${table.dialect}/operations/${file} exports ${ops.length} operations of the table`)
        found.add(ops[0])
      }
      assert.equal(found.size, table.operations.length, `${table.dialect}: an operation of the table lives outside operations/`)
    }
  })

  describe('every listed operation is routed', () => {
    // Routing does not depend on the database: PGlite only.
    const adminToken = randomBytes(24).toString('base64url')
    const ictcoreAdmin = { username: 'optables-admin', password: randomBytes(12).toString('base64url') }
    let app: SwitchboardApp
    let database: Database
    let prefixes: Record<DialectName, string>

    /**
     * Each dialect's answer to a path it does not route (a string: the text body; a function: of the
     * path under the prefix, for dialects that echo it), and the headers that get a request past its auth.
     * A dispatching dialect that picks the operation by a wire id in the request also says how to send
     * one (`wireIdQuery`) and what it answers to an unknown one (`unknownWireId`, found in the body).
     */
    const GENERIC_404: Partial<Record<DialectName, {
      body: unknown
      headers: () => Record<string, string>
      wireIdQuery?: (wireId: string) => string
      unknownWireId?: string
    }>> = {
      // Delacon authenticates per route: an unrouted path is answered before any auth (spec/delacon.md §1).
      delacon: { body: { RESULT: 'FAIL', MESSAGE: 'Not found' }, headers: () => ({}) },
      // ICTCore routes before it authenticates (spec/ictcore.md §1 "Unknown route"); its operations need an admin's credentials.
      ictcore: {
        body: { error: { code: 404, message: 'Not Found' } },
        headers: () => ({ authorization: `Basic ${Buffer.from(`${ictcoreAdmin.username}:${ictcoreAdmin.password}`).toString('base64')}` }),
      },
      // The native scope authenticates every request, unrouted ones included: send the admin token.
      native: { body: { error: 'no such route' }, headers: () => ({ authorization: `Bearer ${adminToken}` }) },
      // Packetera: an empty text 404 off its endpoint; on it, the TransactionType code picks the
      // transaction, an unknown one answers 1006 (spec/packetera.md §3.1).
      packetera: {
        body: '', headers: () => ({}),
        wireIdQuery: (code) => `TransactionType=${encodeURIComponent(code)}`, unknownWireId: 'ErrorCode=1006',
      },
      // Porta matches a route before negotiation, binding and the License (spec/porta.md §1, §8).
      porta: { body: 'Handler for Request not found (404)', headers: () => ({}) },
      // ResellerClub answers any path that is not a call, before auth, naming the path below `api/` (spec/resellerclub.md §1).
      resellerclub: { body: (path: string) => ({ status: 'ERROR', message: `Unknown API call: ${path.replace(/^\/(api\/)?/, '')}` }), headers: () => ({}) },
    }

    before(async () => {
      database = await openTestDatabase('pglite')
      const config = testConfig()
      prefixes = { ...config.prefixes, native: '/native' }
      app = await buildApp({ config, database, logger: testLogger(), adminToken })
      await insertUser(app.core.db, null, { ...ictcoreAdmin, roles: ['admin', 'user'] })
    })
    after(async () => {
      await app.stop()
      await database.close()
    })

    /** The generic 404 body of a dialect for a path under its prefix, as the text sent. */
    function generic404Text(dialect: DialectName, path: string): string {
      const { body } = GENERIC_404[dialect]!
      const value = typeof body === 'function' ? (body as (path: string) => unknown)(path) : body
      return typeof value === 'string' ? value : JSON.stringify(value)
    }

    test('each table dialect has a known generic 404, which an unrouted path gets', async () => {
      for (const table of OPERATION_TABLES) {
        const generic = GENERIC_404[table.dialect]
        assert.ok(generic, `${table.dialect}: add its generic 404 to this test`)
        const res = await app.http.inject({ method: 'GET', url: `${prefixes[table.dialect]}/no-such-operation-here`, headers: generic.headers() })
        assert.equal(res.statusCode, 404, table.dialect)
        assert.equal(res.body, generic404Text(table.dialect, '/no-such-operation-here'), table.dialect)
        assert.equal(app.http.hasRoute({ method: 'GET', url: `${prefixes[table.dialect]}/no-such-operation-here` }), false)
      }
    })

    /** The route that reaches an operation: its own (REST) or its table's dispatch route. */
    const routeOf = (op: OperationEntry) => OPERATION_TABLES.find((t) => t.dialect === op.dialect)!.dispatch ?? op

    test('the OpenAPI document lists every method and path of every table', async () => {
      const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> }
      // Parameter names aside: two operations of one path shape share one Fastify route (ICTCore `{program_id}` / `{type}`).
      const shape = (path: string) => path.replace(/\{[^}]*\}|:[A-Za-z_]+|\*/g, '{}')
      const listed = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${shape(path)}`)))
      for (const op of listDialectOperations()) {
        for (const method of op.methods) {
          // Its own path (Porta's documentation-only entries list the routes its catch-all serves), else its dispatch route's.
          const keys = [op.path, routeOf(op).path].map((path) => `${method} ${shape(`${prefixes[op.dialect]}${path}`)}`)
          assert.ok(keys.some((key) => listed.has(key)), `${op.dialect} ${op.wireId}: ${keys.join(' or ')} is not in /docs/json`)
        }
      }
    })

    const entries: OperationEntry[] = listDialectOperations()
    for (const op of entries) {
      for (const method of op.methods) {
        test(`${op.dialect} ${op.wireId} (${method} ${op.path}) is routed`, async () => {
          const url = `${prefixes[op.dialect]}${concretePath(op.path)}`
          assert.ok(app.http.hasRoute({ method, url: `${prefixes[op.dialect]}${routeOf(op).path}` }), 'in the router')
          const res = await app.http.inject({ method, url, headers: GENERIC_404[op.dialect]!.headers() })
          const generic = res.statusCode === 404 && res.body === generic404Text(op.dialect, concretePath(op.path))
          assert.ok(!generic, `${method} ${url} answered the generic 404`)
          const { wireIdQuery, unknownWireId } = GENERIC_404[op.dialect]!
          if (wireIdQuery && unknownWireId) {
            const dispatched = await app.http.inject({ method, url: `${url}?${wireIdQuery(op.wireId)}`, headers: GENERIC_404[op.dialect]!.headers() })
            assert.ok(!dispatched.body.includes(unknownWireId), `${method} ${url} does not dispatch ${op.wireId}`)
          }
        })
      }
    }

    test('a dispatching dialect answers an unknown wire id as unknown (so the check above can fail)', async () => {
      for (const table of OPERATION_TABLES) {
        const { wireIdQuery, unknownWireId } = GENERIC_404[table.dialect] ?? {}
        if (!table.dispatch || !wireIdQuery || !unknownWireId) continue
        const op = table.operations[0]!
        const url = `${prefixes[table.dialect]}${concretePath(op.path)}?${wireIdQuery('no-such-wire-id')}`
        const res = await app.http.inject({ method: op.methods[0]!, url, headers: GENERIC_404[table.dialect]!.headers() })
        assert.ok(res.body.includes(unknownWireId), `${table.dialect}: ${res.body}`)
      }
    })
  })
})
