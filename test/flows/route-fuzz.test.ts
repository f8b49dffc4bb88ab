import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import type { HTTPMethods, LightMyRequestResponse } from 'fastify'
import type { DialectName } from '../../src/dialects/operation.ts'
import { startTestApp, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { sweepUnlearned } from '../helpers/secret-sweep.ts'
import { tableSnapshot } from '../helpers/snapshot.ts'
import { basic } from '../helpers/wire.ts'
import { checkRootNotFound, commonCheck, DIALECT_FUZZ, leavesDialect, type FuzzCredentials, type FuzzRequest } from './route-fuzz/dialects.ts'
import { fieldNames, openApiNames, operationFiles, validBase, type OpenApiDoc } from './route-fuzz/fields.ts'
import { buildFixture, type Fixture } from './tenant-matrix/fixture.ts'

/**
 * Issue 13 point 9: hostile requests generated from the operation tables — every method of every
 * operation of every dialect, with credentials that pass its auth and its own field names — wrong
 * types, missing and extra fields, boundary lengths, NUL and control characters, invalid UTF-8,
 * huge and negative numbers, deep nesting, wrong content types, oversized and malformed bodies.
 * Pass: the dialect's envelope, no 5xx its spec does not prescribe, no stack trace, an answer
 * within HANG_MS, and (sampled) a refused request writes nothing.
 *
 *   FUZZ_CASES=n          cases in total (default 3000; 100,000 with FUZZ_LONG=1, `npm run fuzz`)
 *   FUZZ_SNAPSHOT_EVERY=k compare table digests around every k-th case (default 8; 100 in long mode)
 *   FUZZ_SEED=n           fast-check seed, to replay a reported failure
 *   FUZZ_TRACE=1          print each request and the head of its reply on stderr
 */

const LONG = process.env.FUZZ_LONG === '1'
const CASES = Number(process.env.FUZZ_CASES ?? (LONG ? 100_000 : 3000))
const SNAPSHOT_EVERY = Number(process.env.FUZZ_SNAPSHOT_EVERY ?? (LONG ? 100 : 8))
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED)
const HANG_MS = 10_000

/** Properties run dialect by dialect in this order: ICTCore and native last, as their fuzz may delete or lock what the others log in with. */
const ORDER: DialectName[] = ['packetera', 'resellerclub', 'porta', 'delacon', 'ictcore', 'native']

const operations = (await operationFiles()).sort((a, b) => ORDER.indexOf(a.dialect) - ORDER.indexOf(b.dialect))
/**
 * Cases per method of an operation: the total shared out evenly, except that a dialect with few
 * operations (Porta, Delacon, ResellerClub, native) gets SMALL_TABLE_WEIGHT times as many per
 * operation — its one parser and envelope would otherwise see a handful of cases.
 */
const SMALL_TABLE = 12
const SMALL_TABLE_WEIGHT = 5
const methodsOf = (d: DialectName) => operations.filter((o) => o.dialect === d).reduce((n, o) => n + o.op.methods.length, 0)
const weightOf = (d: DialectName) => (methodsOf(d) < SMALL_TABLE ? SMALL_TABLE_WEIGHT : 1)
const opMethods = operations.flatMap((o) => o.op.methods.map((method) => ({ ...o, method })))
const BASE_RUNS = CASES / opMethods.reduce((n, o) => n + weightOf(o.dialect), 0)
const runsOf = (d: DialectName) => Math.max(1, Math.ceil(BASE_RUNS * weightOf(d)))

test('every operation of the tables has a request generator and a declaring file (issue 13 point 9)', () => {
  const missing = operations.filter((o) => !DIALECT_FUZZ[o.dialect] || !o.file).map((o) => `${o.dialect} ${o.op.wireId}`)
  assert.deepEqual(missing, [], 'operations without a fuzz generator')
})

/** Replies seen on one database, for its closing report. */
const newStats = () => ({ cases: 0, perDialect: {} as Record<string, number>, perStatus: {} as Record<string, number>, refused: 0, accepted: 0, snapshots: 0, started: Date.now() })

/** The reply, or a failure naming the request if none comes within HANG_MS. */
async function injectGuarded(app: TestApp, req: FuzzRequest): Promise<LightMyRequestResponse> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${req.inject.method} ${String(req.inject.url).slice(0, 300)} did not answer within ${HANG_MS} ms`)), HANG_MS)
  })
  try { return await Promise.race([app.http.inject(req.inject), hang]) } finally { clearTimeout(timer) }
}

const describeRequest = (req: FuzzRequest) => {
  const p = req.inject.payload
  const body = p === undefined ? '' : Buffer.isBuffer(p) ? `<${p.length} bytes>` : String(p).slice(0, 300)
  return `${req.inject.method} ${String(req.inject.url).slice(0, 300)} ${JSON.stringify(req.inject.headers ?? {})} ${body}`
}

for (const kind of TEST_DATABASES) {
  describe(`route fuzz: hostile requests at every operation of every table (${kind}, ${CASES} cases)`, () => {
    let app: TestApp
    let fixture: Fixture
    let doc: OpenApiDoc
    const adminToken = randomBytes(24).toString('base64url')
    let creds: FuzzCredentials
    let ictcoreAdmin: { username: string; password: string }
    const stats = newStats()

    before(async () => {
      stats.started = Date.now()
      app = await startTestApp(kind, {}, { adminToken })
      fixture = await buildFixture(app)
      doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json() as OpenApiDoc
      const o = fixture.objects
      const s = (...v: (number | string)[]) => v.map(String)
      ictcoreAdmin = fixture.principals.aAdmin.login
      creds = {
        ictcoreBearer: fixture.jwts['A admin']!, adminToken, partner: fixture.A, member: { email: o.customerEmail, password: o.customerPassword },
        params: {
          // ICTCore: the fixture's objects; users other than the admin the fuzz logs in as (a fuzzed DELETE /users/{id} would lock it out).
          user_id: s(o.user, fixture.principals.aUser2.userId), role_id: s(o.role), permission_id: s(o.permission), account_id: s(o.account, o.did, o.extension),
          name: s(o.setting, 'x'), program_id: s(o.program, o.inboundProgram), type: s('sendsms', 'receivesms', 'sendfax', 'emailtofax', 'agent', 'ivr', 'x'),
          provider_id: s(o.provider), contact_id: s(o.contact), group_id: s(o.group), document_id: s(o.document), recording_id: s(o.recording),
          template_id: s(o.template), text_id: s(o.text), transmission_id: s(o.transmission, o.pendingTransmission), spool_id: s(o.spool), campaign_id: s(o.campaign),
          // Native: reseller B (reseller A's key is every other dialect's credential), A's campaign.
          id: s(fixture.B.id, o.campaign), keyId: s(1, 2, 3),
          // Porta: A's customer and accounts.
          IAccount: s(o.account, o.extension, o.did), ICustomer: s(o.customer),
          delaconWild: s(o.company, 'AU', 'en-au', 'GB'),
        },
        values: s(o.customer, o.rcCustomerEmail, o.user, o.customerEmail, o.account, o.contact, o.group, o.program, o.transmission, o.campaign, o.memberId, o.activationId,
          o.defaultButton, o.button, o.defaultPhone, o.phone, o.rcToken, o.company, '+61291234567', 'AU', '1800', 'Yes', 'on', 'json'),
      }
    })
    after(async () => {
      await app.stop()
    })

    /** Fresh credentials where the previous property may have spent them (a changed password, a revoked JWT, a removed role). */
    async function refresh(dialect: DialectName): Promise<void> {
      if (dialect === 'packetera') {
        // A fuzzed 1201/1202 may change the member's password or email: each property gets its own member.
        const email = `fz${randomBytes(4).toString('hex')}@example.com`
        const password = `pw${randomBytes(6).toString('hex')}`
        const call = async (p: Record<string, string>) => (await app.http.inject({ method: 'POST', url: '/packetera/cbc_APIs.aspx', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...p, ResponseFormat: 'json' }).toString() })).json() as Record<string, string>
        const web = { WebUserName: fixture.A.username, WebUserPassword: fixture.A.apiKey }
        const card = await call({ TransactionType: '1101', ...web, UserEmail: email, UserPassword: password, FirstName: 'F', LastName: 'Z', PhoneNumber: '+61291230000', Corporate: 'No' })
        assert.equal(card.Status, 'Success', JSON.stringify(card))
        const { ActivationID } = await call({ TransactionType: '2304', ...web, UserEmail: email, UserPassword: password })
        await call({ TransactionType: '2203', ActivationId: ActivationID! })
        creds.member = { email, password }
        creds.values = [...creds.values.slice(0, 40), card.DefaultButtonGUID!, card.MemberID!]
      }
      if (dialect === 'ictcore') {
        const ok = async () => (await app.http.inject({ method: 'GET', url: '/api/roles', headers: { authorization: `Bearer ${creds.ictcoreBearer}` } })).statusCode === 200
        if (await ok()) return
        let login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: ictcoreAdmin })
        if (login.statusCode === 200) creds.ictcoreBearer = (login.json() as { token: string }).token
        if (login.statusCode === 200 && await ok()) return
        const fresh = await app.user(fixture.A.id, { roles: ['admin', 'user'] })
        ictcoreAdmin = { username: fresh.username, password: fresh.password }
        login = await app.http.inject({ method: 'POST', url: '/api/authenticate', payload: ictcoreAdmin })
        assert.equal(login.statusCode, 200, login.body)
        creds.ictcoreBearer = (login.json() as { token: string }).token
        // Check it works with Basic too (learns the password for the secret sweep).
        assert.equal((await app.http.inject({ method: 'GET', url: '/api/roles', headers: { authorization: basic(fresh.username, fresh.password) } })).statusCode, 200)
      }
    }

    for (const o of opMethods) {
      test(`${o.dialect} ${o.op.wireId} (${o.method} ${o.op.path})`, async () => {
        const fuzz = DIALECT_FUZZ[o.dialect]!
        await refresh(o.dialect)
        const names = [...new Set([...fieldNames(o), ...openApiNames(doc, `${o.dialect === 'native' ? '/native' : ''}${o.op.path}`, o.method)])]
        const arb = fc.constant(null).chain(() => fuzz.requests(o.op.path, o.method as HTTPMethods, o.op.wireId, names, creds, validBase(o, creds.values)))
        await sweepUnlearned(() => fc.assert(fc.asyncProperty(arb, async (req) => {
          const sampled = ++stats.cases % SNAPSHOT_EVERY === 0
          const before = sampled ? await tableSnapshot(app.core.db) : null
          const res = await injectGuarded(app, req)
          stats.perDialect[o.dialect] = (stats.perDialect[o.dialect] ?? 0) + 1
          stats.perStatus[`${o.dialect} ${res.statusCode}`] = (stats.perStatus[`${o.dialect} ${res.statusCode}`] ?? 0) + 1
          const refused = fuzz.refused(res, req)
          if (process.env.FUZZ_TRACE) process.stderr.write(`${o.dialect} ${o.op.wireId}: ${describeRequest(req).slice(0, 200)}\n  → ${res.statusCode} ${res.body.slice(0, 160)}\n`)
          if (refused) stats.refused++
          else stats.accepted++
          try {
            commonCheck(res)
            if (leavesDialect(req.inject.url as string)) checkRootNotFound(res)
            else fuzz.check(res, req)
            if (before && refused) {
              stats.snapshots++
              assert.deepEqual(await tableSnapshot(app.core.db), before, 'a refused request wrote nothing')
            }
          } catch (e) {
            throw new Error(`${(e as Error).message}\n  request: ${describeRequest(req)}\n  reply: ${res.statusCode} ${res.body.slice(0, 500)}`, { cause: e })
          }
        }), { numRuns: runsOf(o.dialect), seed: SEED, endOnFailure: true }))
      })
    }

    test('the server still answers after all of it', async (t) => {
      assert.equal((await app.http.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
      const report = [
        `route fuzz (${kind}): ${stats.cases} cases over ${opMethods.length} methods of ${operations.length} operations in ${((Date.now() - stats.started) / 1000).toFixed(1)} s`,
        `  per dialect: ${JSON.stringify(stats.perDialect)}`,
        `  per status: ${JSON.stringify(stats.perStatus)}`,
        `  refused ${stats.refused}, accepted ${stats.accepted}, refusals checked against a table snapshot ${stats.snapshots}`,
      ]
      for (const line of report) t.diagnostic(line)
      if (LONG) process.stdout.write(`${report.join('\n')}\n`)
    })
  })
}
