import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { systemActor } from '../../src/core/actor.ts'
import { addNumbers } from '../../src/core/numbers/index.ts'
import { startTestApp, uniqueName, type TestApp } from '../helpers/app.ts'
import { TEST_DATABASES } from '../helpers/database.ts'
import { sweepUnlearned } from '../helpers/secret-sweep.ts'
import { tableSnapshot } from '../helpers/snapshot.ts'
import { basic, ictcore, packetera, rcSignupParams, resellerclub } from '../helpers/wire.ts'

/**
 * Issue 2 point 7: malformed, oversized, wrongly typed and missing values thrown at every skeleton
 * route. Each reply is the dialect's own envelope, no 5xx unless the spec prescribes it (ResellerClub
 * reports every error as 500), the server stays up, and a refused request writes nothing.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 25)

/** Bad scalar values: oversized, control characters, odd unicode, wrong shapes of numbers. */
const badText = fc.oneof(
  fc.constant(''), fc.constant(' '), fc.constant('null'), fc.constant('-1'), fc.constant('0'), fc.constant('1e309'),
  fc.constant('99999999999999999999'), fc.constant("' or 1=1 --"), fc.constant('%00'), fc.constant('\u0000\u0007\u001b'),
  fc.constant('😀🇦🇺'), fc.constant('a'.repeat(70_000)), fc.constant('<x>&"\''), fc.constant('{"a":1}'),
  fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer().map(String), fc.double().map(String),
)
/** Bad JSON values: every JSON type. */
const badJson = fc.oneof(badText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 1 }))

/** A mutation of a valid parameter map: some fields dropped, some replaced by bad values. */
function mutated<T>(base: Record<string, string>, value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, string | T>> {
  const keys = Object.keys(base)
  return fc.record({
    drop: fc.subarray(keys),
    replace: fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: 4 }),
  }).map(({ drop, replace }) => {
    const out: Record<string, string | T> = { ...base, ...replace }
    for (const k of drop) if (!(k in replace)) delete out[k]
    return out
  })
}

type Check = (res: LightMyRequestResponse) => void

const ictcoreEnvelope: Check = (res) => {
  assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
  if (res.statusCode === 200) return
  // 429: a fuzzed password change leaves the admin's Basic login failing, which locks it (issue 13 finding 3).
  assert.ok([400, 401, 403, 404, 411, 412, 413, 415, 423, 429, 501].includes(res.statusCode), `status ${res.statusCode}`)
  const body = res.json()
  assert.equal(body.error.code, res.statusCode)
  assert.equal(typeof body.error.message, 'string')
}
const packeteraEnvelope: Check = (res) => {
  assert.equal(res.statusCode, 200)
  const body = res.json() as Record<string, string>
  assert.ok(body.Status === 'Success' || body.Status === 'Failure', res.body.slice(0, 200))
  if (body.Status === 'Failure') {
    assert.deepEqual(Object.keys(body), ['Status', 'ErrorCode', 'ErrorMessage'])
    assert.notEqual(body.ErrorCode, '1099', body.ErrorMessage)
  }
}
const resellerclubEnvelope: Check = (res) => {
  assert.match(String(res.headers['content-type']), /^application\/json/)
  if (res.statusCode === 200) return
  // spec/resellerclub.md §7: every error is HTTP 500 with a status/message body (404 for routes).
  assert.ok(res.statusCode === 500 || res.statusCode === 404, `status ${res.statusCode}`)
  const body = res.json()
  assert.equal(body.status, 'ERROR')
  assert.notEqual(body.message, 'Internal error')
}
const portaEnvelope: Check = (res) => {
  if (res.statusCode === 200) return
  if (res.statusCode === 404 && String(res.headers['content-type']).startsWith('text/plain')) {
    assert.match(res.body, /^Handler for Request not found \(404\)/)
    return
  }
  assert.ok([400, 401, 403, 404].includes(res.statusCode), `status ${res.statusCode}`)
  const body = res.json()
  assert.equal(typeof body.ResponseStatus.ErrorCode, 'string')
  assert.ok(Array.isArray(body.ResponseStatus.Errors))
}
const delaconEnvelope: Check = (res) => {
  assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
  const body = res.json()
  if (res.statusCode === 200 && 'Region' in body) return
  assert.ok(res.statusCode === 200 || res.statusCode === 404 || res.statusCode === 405, `status ${res.statusCode}`)
  assert.ok(['OK', 'WAIT', 'FAIL', 'INVALID', 'LOGIN_FAILED'].includes(body.RESULT), res.body.slice(0, 200))
}

function form(params: Record<string, unknown>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
}

for (const kind of TEST_DATABASES) {
  describe(`bad input at every skeleton route (${kind})`, () => {
    let app: TestApp
    let r: { id: number; username: string; apiKey: string }
    let adminAuth: string
    let member: { email: string; password: string }
    let rcEmail: string
    let userId: number
    let accountId: number

    before(async () => {
      app = await startTestApp(kind)
      r = await app.reseller()
      const admin = await app.user(r.id, { roles: ['admin', 'user'] })
      adminAuth = basic(admin.username, admin.password)
      userId = admin.id
      const acct = await ictcore(app.http, 'POST', '/accounts', adminAuth, { type: 'extension', username: '4242', passwd: 'sipSecret9' })
      accountId = acct.body
      member = { email: `${uniqueName('m')}@example.com`, password: 'secret12' }
      await packetera(app.http, { TransactionType: '1101', WebUserName: r.username, WebUserPassword: r.apiKey, UserEmail: member.email, UserPassword: member.password, FirstName: 'A', LastName: 'B', PhoneNumber: '0291234567', Corporate: 'No' })
      rcEmail = `${uniqueName('rc')}@example.com`
      await resellerclub(app.http, 'POST', 'customers/signup', r, rcSignupParams(rcEmail))
      await addNumbers(app.core, systemActor, { region: 'Australia', numberType: '1300', count: 5 })
    })
    after(async () => { await app.stop() })

    /** Runs the property: every request built from a mutation gets the envelope, and a refusal writes nothing. */
    async function fuzz<T>(arb: fc.Arbitrary<T>, build: (v: T) => InjectOptions, check: Check, isRefusal: (res: LightMyRequestResponse) => boolean, examples: T[] = []) {
      // Runs are sequential: the state after the last accepted request is what a refusal must leave.
      let state = await tableSnapshot(app.core.db)
      await sweepUnlearned(() => fc.assert(fc.asyncProperty(arb, async (v) => {
        const res = await app.http.inject(build(v))
        assert.doesNotMatch(res.body, /\bat [^\n]*(file:|\/)[^\n]*:\d+:\d+|node_modules/, 'no stack trace')
        check(res)
        const after = await tableSnapshot(app.core.db)
        if (isRefusal(res)) assert.deepEqual(after, state, 'a refused request wrote nothing')
        state = after
      }), { numRuns: RUNS, examples: examples.map((e) => [e] as [T]) }))
    }

    /** Deterministic cases run before the random ones: each field in turn holds a NUL and control characters. */
    function nulIn(base: Record<string, string>): Record<string, string>[] {
      return Object.keys(base).map((k) => ({ ...base, [k]: 'x\u0000\u0007y' }))
    }

    const ictRefused = (res: LightMyRequestResponse) => res.statusCode !== 200
    const ictBodies: [string, string, () => Record<string, string>][] = [
      ['POST', '/api/users', () => ({ username: 'fuzzuser', passwd: 'secret12', email: 'f@example.com', first_name: 'F', phone: '+61291234567', active: '1' })],
      ['PUT', '/api/users/:user', () => ({ first_name: 'F', last_name: 'L', email: 'g@example.com', phone: '0291234567', active: '1' })],
      ['PUT', '/api/users/:user/password', () => ({ password: 'secret12' })],
      ['POST', '/api/accounts', () => ({ type: 'did', phone: '+61299990000', username: 'd1', email: 'x@example.com' })],
      ['PUT', '/api/accounts/:account', () => ({ first_name: 'F', phone: '0291234567', active: '1' })],
      ['PUT', '/api/accounts/:account/settings/greeting', () => ({ value: 'hello' })],
      ['POST', '/api/roles', () => ({ name: 'fuzzrole', description: 'd' })],
      ['POST', '/api/permissions', () => ({ name: 'fuzz_perm', description: 'd' })],
      ['POST', '/api/authenticate', () => ({ username: 'admin', password: 'nope-nope' })],
    ]
    for (const [method, path, base] of ictBodies) {
      test(`ICTCore ${method} ${path}: malformed, oversized, wrongly typed, missing fields`, async () => {
        await fuzz(mutated(base(), badJson), (body) => ({
          method: method as 'POST', url: path.replace(':user', String(userId)).replace(':account', String(accountId)),
          headers: { authorization: adminAuth, 'content-type': 'application/json' }, payload: JSON.stringify(body),
        }), ictcoreEnvelope, ictRefused, nulIn(base()))
      })
    }

    test('ICTCore: bodies that are not JSON objects, and ids that are not ids', async () => {
      await fuzz(fc.tuple(fc.oneof(fc.constant('{'), fc.constant('[]'), fc.constant('"x"'), fc.constant('nul'), fc.string({ maxLength: 50 })), badText), ([payload, id]) => ({
        method: 'PUT', url: `/api/users/${encodeURIComponent(id)}`, headers: { authorization: adminAuth, 'content-type': 'application/json' }, payload,
      }), ictcoreEnvelope, ictRefused)
    })

    const pkRefused = (res: LightMyRequestResponse) => res.json().Status === 'Failure'
    test('Packetera 1101 AddNewCard', async () => {
      const base = { TransactionType: '1101', WebUserName: r.username, WebUserPassword: r.apiKey, UserEmail: 'new@example.com', UserPassword: 'secret12', FirstName: 'A', LastName: 'B', PhoneNumber: '0291234567', Corporate: 'Yes', CompanyName: 'C', Company_URL: 'http://c.example.com', Country: 'AU' }
      await fuzz(mutated(base, badText), (p) => ({ method: 'POST', url: '/packetera/cbc_APIs.aspx', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ ...p, ResponseFormat: 'json' }) }), packeteraEnvelope, pkRefused, nulIn(base))
    })
    test('Packetera 1303 GetMemberProfile', async () => {
      const base = { TransactionType: '1303', WebUserName: r.username, WebUserPassword: r.apiKey, UserEmail: member.email, UserPassword: member.password }
      await fuzz(mutated(base, badText), (p) => ({ method: 'GET', url: `/packetera/cbc_APIs.aspx?${form({ ...p, ResponseFormat: 'json' })}` }), packeteraEnvelope, pkRefused, nulIn(base))
    })

    const rcRefused = (res: LightMyRequestResponse) => res.statusCode !== 200
    const rcCalls: [string, 'GET' | 'POST', () => Record<string, string>][] = [
      ['customers/signup', 'POST', () => rcSignupParams('fuzz@example.com', { 'alt-phone-cc': '61', 'alt-phone': '291234567' })],
      ['customers/details-by-id', 'GET', () => ({ 'customer-id': '1' })],
      ['customers/details', 'GET', () => ({ username: rcEmail })],
      ['customers/generate-token', 'GET', () => ({ username: rcEmail, passwd: 'Passw0rd1', ip: '10.1.2.3' })],
      ['customers/authenticate-token', 'GET', () => ({ token: '89c4109f-ab08-4065-bf7f-8c41c2b1f34a' })],
    ]
    for (const [path, method, base] of rcCalls) {
      test(`ResellerClub ${path}`, async () => {
        const params = { 'auth-userid': String(r.id), 'api-key': r.apiKey, ...base() }
        await fuzz(mutated(params, badText), (p) => ({
          method, url: `/resellerclub/api/${path}.json${method === 'GET' ? `?${form(p)}` : ''}`,
          headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: method === 'POST' ? form(p) : undefined,
        }), resellerclubEnvelope, rcRefused, nulIn(params))
      })
    }

    const portaRoutes = ['GetAccounts/{License}/{ICustomer}', 'GetAccountInfoByIAccount/{License}/{IAccount}']
    for (const route of portaRoutes) {
      test(`Porta ${route}`, async () => {
        await fuzz(fc.record({ license: fc.oneof(fc.constant(r.apiKey), badText), id: badText, fmt: fc.constantFrom('', '.json', '.jsv', '?format=jsv', '?format=xml', '?callback=1x') }), ({ license, id, fmt }) => ({
          method: 'GET', url: `/porta/${route.replace('{License}', encodeURIComponent(license)).replace(/\{I\w+\}/, encodeURIComponent(id))}${fmt}`,
        }), (res) => { if (!String(res.headers['content-type']).includes('jsv') && !String(res.headers['content-type']).includes('xml')) portaEnvelope(res) }, () => true)
      })
    }

    test('Delacon provision', async () => {
      const base = { BusinessName: 'Fuzz Co', EmailAddress: 'f@fuzz.example.com', TerminationNumber: '+61291234567', region: 'AU', numberType: '1300', numbers: '1', termsCheck: 'on', features: 'CallRecording', BusID: 'b1' }
      await fuzz(mutated(base, badText), (p) => ({ method: 'POST', url: '/delacon/rest/config/provision', headers: { auth: r.apiKey, 'content-type': 'application/x-www-form-urlencoded' }, payload: form(p) }),
        delaconEnvelope, (res) => !['OK', 'WAIT'].includes(res.json().RESULT), nulIn(base))
    })
    test('Delacon getnumbertypes', async () => {
      await fuzz(badText, (loc) => ({ method: 'GET', url: `/delacon/rest/config/getnumbertypes/${encodeURIComponent(loc)}`, headers: { auth: r.apiKey } }), delaconEnvelope, () => true)
    })

    test('the server is still up after all of it', async () => {
      const res = await app.http.inject({ method: 'GET', url: '/healthz' })
      assert.equal(res.statusCode, 200)
    })
  })
}

for (const kind of TEST_DATABASES) {
  describe(`list filters with a NUL character (${kind})`, () => {
    let app: TestApp
    before(async () => { app = await startTestApp(kind) })
    after(async () => { await app.stop() })

    test('every ICTCore list answers 412 naming the filter, never 500', async () => {
      const r = await app.reseller()
      const admin = await app.user(r.id, { roles: ['admin', 'user'] })
      const auth = basic(admin.username, admin.password)
      for (const path of ['/api/users?username=%00', '/api/accounts?username=a%00b', '/api/roles?name=%00', '/api/permissions?description=%00', '/api/dids?phone=%00']) {
        const res = await app.http.inject({ method: 'GET', url: path, headers: { authorization: auth } })
        assert.equal(res.statusCode, 412, path)
        assert.match(res.json().error.message, /^Data validation failed, for /)
      }
    })
  })
}
