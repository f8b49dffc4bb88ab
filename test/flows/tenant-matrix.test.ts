import assert from 'node:assert/strict'
import { appendFileSync, existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import type { InjectOptions } from 'fastify'
import type { DialectName, OperationEntry } from '../../src/dialects/operation.ts'
import { listDialectOperations } from '../../src/dialects/operation-tables.ts'
import { startTestApp, testConfig, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { scopedTableSnapshot, tableSnapshot } from '../helpers/snapshot.ts'
import { buildFixture, type Fixture, type Principal } from './tenant-matrix/fixture.ts'
import { ICTCORE_ENTRIES } from './tenant-matrix/ictcore-entries.ts'
import { dialectPrincipals, WRITING_KINDS, type Answer, type MatrixCase, type MatrixEntry } from './tenant-matrix/matrix.ts'
import { DELACON_ENTRIES, NATIVE_ENTRIES, PACKETERA_ENTRIES, PORTA_ENTRIES, RESELLERCLUB_ENTRIES } from './tenant-matrix/partner-entries.ts'

/**
 * Issue 13 point 8: the tenant matrix, generated from the operation tables. Two resellers, in each an
 * admin and two users; A's user 1 owns one of every object, made through the dialects. Every
 * operation of every dialect and of the native API, every method, is replayed with every other
 * principal's credentials against those objects: the answer is the dialect's not-found (forbidden
 * where the spec says so), and no table changes. An operation without an entry fails the first test.
 */

const ENTRIES: Record<string, MatrixEntry> = Object.fromEntries(([
  ['ictcore', ICTCORE_ENTRIES], ['packetera', PACKETERA_ENTRIES], ['resellerclub', RESELLERCLUB_ENTRIES],
  ['porta', PORTA_ENTRIES], ['delacon', DELACON_ENTRIES], ['native', NATIVE_ENTRIES],
] as [DialectName, Record<string, MatrixEntry>][]).flatMap(([dialect, entries]) => Object.entries(entries).map(([wireId, e]) => [`${dialect} ${wireId}`, e])))

/**
 * Tables that no replay may change but that are left out of the comparison, each with its reason.
 * (Columns that change on every authenticated read, `last_used_at`, are left out by tableSnapshot.)
 */
const EXCLUDED_TABLES: Record<string, string> = {}

const keyOf = (op: OperationEntry) => `${op.dialect} ${op.wireId}`
const OPERATIONS: OperationEntry[] = listDialectOperations()

/** Every foreign principal: all but A's admin (who may see A's objects) and A's user 1 (their owner). */
const foreign = (fx: Fixture): Principal[] => [fx.principals.bAdmin, fx.principals.bUser1, fx.principals.bUser2, fx.principals.aUser2]

interface Replay { key: string; method: string; c: MatrixCase; p: Principal; op: OperationEntry }

/** Every (operation, method, case, principal) to replay whose kind is (or is not) a writing one. */
function replays(fx: Fixture, writing: boolean): Replay[] {
  return OPERATIONS.flatMap((op) => (ENTRIES[keyOf(op)] ?? []).filter((c) => WRITING_KINDS.has(c.kind) === writing).flatMap((c) => op.methods.filter((m) => !c.methods || c.methods.includes(m)).flatMap((method) =>
    foreign(fx).filter(c.principals ?? dialectPrincipals(op.dialect)).map((p) => ({ key: keyOf(op), method, c, p, op })))))
}

async function send(app: TestApp, req: InjectOptions): Promise<Answer> {
  const res = await app.http.inject(req)
  return { status: res.statusCode, body: res.body, json: () => res.json(), res }
}

async function replay(app: TestApp, fx: Fixture, r: Replay): Promise<string | null> {
  const answer = await send(app, r.c.request(fx.objects, r.p, r.method as 'GET', fx, r.op.path))
  const res = answer.res
  // MATRIX_TRACE=<file>: one line per replay (request, status, start of the body), to review the answers.
  if (process.env.MATRIX_TRACE) appendFileSync(process.env.MATRIX_TRACE, `${r.key} [${r.method}${r.c.label ? `, ${r.c.label}` : ''}] as ${r.p.name} → ${res.statusCode} ${res.body.slice(0, 160)}\n`)
  try {
    await r.c.check(answer, fx.objects, r.p, (req) => send(app, req))
    return null
  } catch (e) {
    return `${r.key} [${r.method}${r.c.label ? `, ${r.c.label}` : ''}] as ${r.p.name}: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`
  }
}

/** Every file under the media directory with its size: uploads land there, not in a table. */
function mediaFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)).filter((f) => statSync(f).isFile()).map((f) => `${f}:${statSync(f).size}`).sort()
}

const changed = (before: Record<string, string>, after: Record<string, string>) =>
  Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t] && !(t in EXCLUDED_TABLES))

for (const kind of TEST_DATABASES) {
  describe(`tenant matrix: every operation of every dialect, as every other principal, on A's objects, issue 13 point 8 (${kind})`, () => {
    let app: TestApp
    let fx: Fixture
    /** Requests sent and distinct cases (operation × method × variant) by phase, for the counts. */
    const counts = { controls: 0, requests: 0, cases: new Set<string>() }
    const caseKey = (r: Replay) => `${r.key} ${r.method} ${r.c.label ?? ''}`

    before(async () => {
      // The matrix replays foreign credentials mixed with A's login names on purpose, many times: the
      // guessing limits (issue 13 finding 3, tested on their own) would lock A's logins and answer
      // "too many attempts" instead of the refusal under test, so they are off here.
      app = await startTestApp(kind, { limits: { ...testConfig().limits, loginMaxFailures: 0 } })
      fx = await buildFixture(app)
    })
    after(async () => { await app.stop() })

    test('every operation of every dialect has a matrix entry, and every entry an operation (a route added later without one fails here)', () => {
      const keys = OPERATIONS.map(keyOf)
      assert.deepEqual(keys.filter((k) => !ENTRIES[k]?.length), [], 'operations without a tenant-matrix entry: add one to test/flows/tenant-matrix/')
      assert.deepEqual(Object.keys(ENTRIES).filter((k) => !keys.includes(k)), [], 'entries of no operation')
      for (const [k, cases] of Object.entries(ENTRIES)) {
        for (const c of cases) assert.ok(c.kind === 'target' || c.why, `${k}: a ${c.kind} case says why it names no object of A`)
      }
    })

    test("controls: A's user 1 (or A's admin, reseller A) reads each object the read-only cases name", async (t) => {
      const before = await tableSnapshot(app.core.db)
      const failures: string[] = []
      let controls = 0
      for (const op of OPERATIONS) {
        // Only reads: GET, and not ICTCore's GET aliases that act (clone, campaign start/stop).
        if (!op.methods.includes('GET') || /clone|start|stop/.test(op.wireId)) continue
        for (const c of ENTRIES[keyOf(op)] ?? []) {
          if (!c.control) continue
          const p = c.control.as === 'admin' ? fx.principals.aAdmin : fx.principals.aUser1
          controls++
          counts.controls++
          const failure = await replay(app, fx, { key: keyOf(op), method: 'GET', c: { ...c, check: c.control.check }, p, op })
          if (failure) failures.push(`control ${failure}`)
        }
      }
      t.diagnostic(`controls ${controls}`)
      assert.deepEqual(failures, [])
      assert.deepEqual(changed(before, await tableSnapshot(app.core.db)), [])
    })

    test('foreign principals get the not-found (or forbidden) of each dialect and change no table', async (t) => {
      const failures: string[] = []
      let requests = 0
      const ops = OPERATIONS
      const media = mediaFiles(app.core.mediaDir)
      assert.ok(media.length >= 3, "A's document, recording and template media are on disk")
      for (const op of ops) {
        const rs = replays(fx, false).filter((r) => r.op === op)
        if (!rs.length) continue
        const before = await tableSnapshot(app.core.db)
        for (const r of rs) {
          requests++
          counts.requests++
          counts.cases.add(caseKey(r))
          const failure = await replay(app, fx, r)
          if (failure) failures.push(failure)
        }
        const tables = changed(before, await tableSnapshot(app.core.db))
        if (tables.length) failures.push(`${keyOf(op)}: replays changed ${tables.join(', ')}`)
      }
      assert.deepEqual(mediaFiles(app.core.mediaDir), media, 'no media file was written or removed')
      t.diagnostic(`non-writing requests ${requests}`)
      assert.deepEqual(failures, [])
    })

    test("operations that write in the caller's own tenant or identity leave A's rows unchanged", async (t) => {
      const A = fx.A.id
      const { user, customer } = fx.objects
      // Across tenants: every row of tenant A. Inside tenant A (A's user 2): every row A's user 1 owns,
      // by owner user, else by owner customer; rows of the tenant with no owner column as a whole.
      const tenantRows = (_t: string, cols: ReadonlySet<string>) => cols.has('tenant_id') ? sql`tenant_id = ${A}` : null
      const ownerRows = (table: string, cols: ReadonlySet<string>) =>
        table === 'users' ? sql`id = ${user}` : cols.has('user_id') ? sql`user_id = ${user}`
          : table === 'customers' ? sql`id = ${customer}` : cols.has('customer_id') ? sql`customer_id = ${customer}`
            : cols.has('tenant_id') ? sql`tenant_id = ${A}` : null
      const failures: string[] = []
      const rs = replays(fx, true)
      for (const r of rs) {
        counts.requests++
        counts.cases.add(caseKey(r))
        const scope = r.p.tenant === 'A' ? ownerRows : tenantRows
        const before = await scopedTableSnapshot(app.core.db, scope)
        const failure = await replay(app, fx, r)
        if (failure) failures.push(failure)
        const tables = changed(before, await scopedTableSnapshot(app.core.db, scope))
        if (tables.length) failures.push(`${r.key} [${r.method}] as ${r.p.name}: changed A's rows of ${tables.join(', ')}`)
      }
      // A's user 1 still logs in with its token (no foreign /authenticate/cancel revoked it), and with
      // its email and password as itself, though B now has a member and a customer of that email.
      const own = await app.http.inject({ method: 'GET', url: `/api/users/${user}`, headers: { authorization: `Bearer ${fx.objects.jwt}` } })
      assert.equal(own.statusCode, 200, own.body)
      const login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: { email: fx.objects.customerEmail, password: fx.objects.customerPassword } })
      assert.equal((login.json() as { user_id: number }).user_id, user, login.body)
      t.diagnostic(`writing requests ${rs.length}`)
      assert.deepEqual(failures, [])
    })

    test('counts: routes, principals, requests, cases', (t) => {
      const routes = OPERATIONS.reduce((n, op) => n + op.methods.length, 0)
      t.diagnostic(`operations ${OPERATIONS.length} (routes × methods ${routes}), principals ${Object.keys(fx.principals).length} (foreign ${foreign(fx).length}), ` +
        `requests ${counts.requests} (+ ${counts.controls} controls), cases ${counts.cases.size}`)
      assert.ok(counts.requests > 0)
    })
  })
}
