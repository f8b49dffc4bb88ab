import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { HTTPMethods, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { DialectName } from '../../../src/dialects/operation.ts'
import { BODY_LIMIT, extraFieldName, formOf, hostileJson, hostileSegment, hostileText, malformedBody, oversizedBody } from './hostile.ts'

// Issue 13 point 9: per dialect, how a hostile request for one operation is made (credentials that
// pass the dialect's auth, its field names, its path parameters and body encodings), what its own
// envelope looks like, and what counts as a refusal (which must write nothing).

/** Credentials and valid values the generators mix into the hostile ones (refreshed between properties). */
export interface FuzzCredentials {
  /** ICTCore: a JWT of an admin of reseller A. */
  ictcoreBearer: string
  /** Native admin API token. */
  adminToken: string
  /** Reseller A: ResellerClub `auth-userid`/`api-key`, Porta License, Delacon `Auth`, Packetera web user. */
  partner: { id: number; username: string; apiKey: string }
  /** A Packetera member of reseller A (made afresh per Packetera property: a fuzzed 1201 may change its password). */
  member: { email: string; password: string }
  /** Valid values per path parameter name (`contact_id` → the fixture's contact …). */
  params: Record<string, string[]>
  /** Valid values fields may take (ids, GUIDs, emails, tokens) so some requests get past lookups. */
  values: string[]
}

/** One generated request and the format its reply must have. */
export interface FuzzRequest {
  inject: InjectOptions
  /** Reply format asked for (Packetera `ResponseFormat`, RC `.xml`): the envelope check follows it. */
  format: 'json' | 'xml' | 'other'
}

export interface DialectFuzz {
  /** Hostile requests for one method of one operation, given its known field names. */
  requests(path: string, method: HTTPMethods, wireId: string, names: string[], c: FuzzCredentials, base: [string, string][]): fc.Arbitrary<FuzzRequest>
  /** The dialect's envelope and the statuses its spec allows (throws otherwise). */
  check(res: LightMyRequestResponse, req: FuzzRequest): void
  /** A reply that refuses the request: such a request must leave every table as it was. */
  refused(res: LightMyRequestResponse, req: FuzzRequest): boolean
}

/** Raw query junk that URLSearchParams would escape: invalid UTF-8 and broken percent sequences. */
const rawQueryJunk = fc.constantFrom('', '', '', '&a=%C3%28', '&%FF=1', '&b=%', '&c=%zz', '&%00=%00', '&=&&', '&x=%E0%80%80', '&y=%ED%A0%80')

/** A concrete path: each `:param` a valid value or a hostile segment, each `*` likewise. */
function pathOf(pattern: string, c: FuzzCredentials, wild: string[] = []): fc.Arbitrary<string> {
  const parts = pattern.split('/').map((seg) => {
    if (seg === '*') return fc.oneof(fc.constantFrom(...wild, '1'), hostileSegment)
    if (!seg.startsWith(':')) return fc.constant(seg)
    const valid = c.params[seg.slice(1)] ?? ['1']
    return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...valid) }, { weight: 3, arbitrary: hostileSegment })
  })
  return fc.tuple(...parts).map((segs) => segs.join('/'))
}

/** Text field values: hostile, or a valid value of the fixture. */
const fieldValue = (c: FuzzCredentials) => fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constantFrom(...c.values) })
const fieldName = (names: string[]) => names.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: extraFieldName }) : extraFieldName

/** Name/value pairs (repeated names allowed, as forms allow them). */
const pairsOf = (names: string[], c: FuzzCredentials) => fc.array(fc.tuple(fieldName(names), fieldValue(c)), { maxLength: 8 })

/** A JSON object of known and extra fields with values of every JSON type. */
const jsonObjectOf = (names: string[], c: FuzzCredentials) =>
  fc.dictionary(fieldName(names), fc.oneof({ weight: 3, arbitrary: hostileJson }, { weight: 1, arbitrary: fc.constantFrom(...c.values) }), { maxKeys: 8 })

type Body = { contentType?: string; payload?: string | Buffer }

/** A body for a JSON-reading route: a JSON object, form fields, a malformed body, or an oversized one. */
const jsonishBody = (names: string[], c: FuzzCredentials): fc.Arbitrary<Body> => fc.oneof(
  { weight: 6, arbitrary: jsonObjectOf(names, c).map((o) => ({ contentType: 'application/json', payload: JSON.stringify(o) })) },
  { weight: 1, arbitrary: jsonObjectOf(names, c).map((o) => ({ payload: JSON.stringify(o) })) },
  { weight: 1, arbitrary: pairsOf(names, c).map((p) => ({ contentType: 'application/x-www-form-urlencoded', payload: formOf(p) })) },
  { weight: 1, arbitrary: fc.array(hostileJson, { maxLength: 3 }).map((a) => ({ contentType: 'application/json', payload: JSON.stringify(a) })) },
  { weight: 3, arbitrary: malformedBody },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.nat(99).chain((n) => (n < 8 ? oversizedBody : fc.constant({}))) },
)

/** A body for a form-reading route: form fields (with or without Content-Type), a malformed or oversized body. */
const formishBody = (pairs: fc.Arbitrary<[string, string][]>): fc.Arbitrary<Body> => fc.oneof(
  { weight: 6, arbitrary: fc.tuple(pairs, rawQueryJunk).map(([p, junk]) => ({ contentType: 'application/x-www-form-urlencoded', payload: formOf(p) + junk })) },
  { weight: 1, arbitrary: pairs.map((p) => ({ payload: formOf(p) })) },
  { weight: 1, arbitrary: pairs.map((p) => ({ contentType: 'application/json', payload: JSON.stringify(Object.fromEntries(p)) })) },
  { weight: 2, arbitrary: malformedBody },
  { weight: 1, arbitrary: fc.nat(99).chain((n) => (n < 8 ? oversizedBody : fc.constant({}))) },
)

function withBody(inject: InjectOptions, body: Body): InjectOptions {
  const headers = { ...(inject.headers as Record<string, string>) }
  if (body.contentType !== undefined) headers['content-type'] = body.contentType
  return { ...inject, headers, ...(body.payload !== undefined ? { payload: body.payload } : {}) }
}

const STACK = /\bat [^\n]*(file:|\/)[^\n]*:\d+:\d+|node_modules/

/** Checks every dialect shares: no stack trace or module path in the body. */
export function commonCheck(res: LightMyRequestResponse): void {
  assert.doesNotMatch(res.body.slice(0, 100_000), STACK, 'no stack trace or node_modules path in the reply')
}

/**
 * A path whose `..` segments climb out of the dialect's first segment (`/porta/X/../../1` is `/1`):
 * the server resolves dot segments (RFC 3986 §5.2.4), so the dialect never sees it and the root answers.
 */
export function leavesDialect(url: string): boolean {
  const raw = url.split('?')[0]!
  const prefix = `/${raw.split('/')[1] ?? ''}`
  const resolved = new URL(raw, 'http://fuzz.invalid').pathname
  return resolved !== prefix && !resolved.startsWith(`${prefix}/`)
}

/** The root's reply to a path outside every dialect: a 404 in the platform's own envelope. */
export function checkRootNotFound(res: LightMyRequestResponse): void {
  assert.equal(res.statusCode, 404, res.body.slice(0, 300))
  assert.deepEqual(json(res), { error: 'not_found' })
}

const json = (res: LightMyRequestResponse): Record<string, unknown> => {
  try { return res.json() } catch { assert.fail(`not JSON: ${res.body.slice(0, 200)}`) }
}

// spec/ictcore.md §3: errors are `{"error":{"code","message"}}` with the same status; 500 is an unhandled error (a bug here); 501 is prescribed (XML, agent/ivr).
const ICTCORE_STATUSES = [400, 401, 403, 404, 411, 412, 413, 415, 423, 501]

const ictcore: DialectFuzz = {
  requests(path, method, _wireId, names, c) {
    const fmt = fc.oneof({ weight: 15, arbitrary: fc.constant('') }, { weight: 3, arbitrary: fc.constantFrom('.json', '?format=json') }, { weight: 1, arbitrary: fc.constantFrom('.xml', '?format=xml') })
    return fc.record({
      path: pathOf(path, c), fmt, query: method === 'GET' ? pairsOf(names, c) : fc.constant<[string, string][]>([]), junk: rawQueryJunk,
      body: method === 'GET' ? fc.constant<Body>({}) : jsonishBody(names, c),
      override: method === 'PUT' ? fc.constantFrom('PUT', 'PUT', 'PATCH') : fc.constant(method),
    }).map(({ path: p, fmt, query, junk, body, override }) => {
      const q = formOf(query) + junk
      const url = `/api${p}${fmt}${q ? (fmt.startsWith('?') ? '&' : '?') + q : ''}`
      return { format: 'json', inject: withBody({ method: override as 'GET', url, headers: { authorization: `Bearer ${c.ictcoreBearer}` } }, body) }
    })
  },
  check(res, req) {
    if (res.statusCode === 200) return
    // 411 and 415 belong to uploads only (§3): a JSON route reads any Content-Type as JSON (§1).
    if (res.statusCode === 411 || res.statusCode === 415) assert.match(String(req.inject.url), /\/(media|csv)\b/, `status ${res.statusCode} off an upload route`)
    assert.ok(ICTCORE_STATUSES.includes(res.statusCode), `status ${res.statusCode} ${res.body.slice(0, 300)}`)
    assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
    const body = json(res) as { error: { code: number; message: string } }
    assert.equal(body.error.code, res.statusCode)
    assert.equal(typeof body.error.message, 'string')
  },
  refused: (res) => res.statusCode !== 200,
}

// The native admin API (docs/decisions/platform.md): `{error, field?}` on every 4xx; no 5xx.
const native: DialectFuzz = {
  requests(path, method, _wireId, names, c) {
    return fc.record({
      path: pathOf(path, c), query: method === 'GET' ? pairsOf(names, c) : fc.constant<[string, string][]>([]), junk: rawQueryJunk,
      body: method === 'GET' || method === 'DELETE' ? fc.constant<Body>({}) : jsonishBody(names, c),
    }).map(({ path: p, query, junk, body }) => {
      const q = formOf(query) + junk
      return { format: 'json', inject: withBody({ method: method as 'GET', url: `/native${p}${q ? `?${q}` : ''}`, headers: { authorization: `Bearer ${c.adminToken}` } }, body) }
    })
  },
  check(res) {
    assert.ok(res.statusCode < 500, `status ${res.statusCode} ${res.body.slice(0, 300)}`)
    if (res.statusCode < 400) return
    assert.equal(typeof (json(res) as { error: unknown }).error, 'string', res.body.slice(0, 300))
  },
  refused: (res) => res.statusCode >= 400,
}

// spec/packetera.md §3: always HTTP 200 (405 for other methods); a failure is Status=Failure, ErrorCode, ErrorMessage; 1099 is the internal error.
const packetera: DialectFuzz = {
  requests(_path, method, wireId, names, c) {
    const creds = fc.oneof(
      { weight: 9, arbitrary: fc.constant<[string, string][]>([['WebUserName', c.partner.username], ['WebUserPassword', c.partner.apiKey], ['UserEmail', c.member.email], ['UserPassword', c.member.password]]) },
      { weight: 1, arbitrary: pairsOf(['WebUserName', 'WebUserPassword', 'UserEmail', 'UserPassword'], c) },
    )
    const format = fc.constantFrom('json', 'json', 'json', 'json', 'xml', 'namevalue', '', 'JSON', 'bogus')
    const pairs = fc.tuple(fc.constantFrom<[string, string][]>([['TransactionType', wireId]], [['TransactionType', wireId]], [['TransactionType', ` ${wireId} `]], []), creds, pairsOf(names, c))
      .map(([t, cr, f]) => [...t, ...cr, ...f])
    return fc.record({ pairs, format, junk: rawQueryJunk, body: method === 'POST' ? formishBody(pairs) : fc.constant<Body>({}), inQuery: fc.boolean() })
      .map(({ pairs: p, format: fmt, junk, body, inQuery }) => {
        const all: [string, string][] = [...p, ['ResponseFormat', fmt]]
        const asked = fmt.toLowerCase() === 'json' ? 'json' : fmt === 'xml' ? 'xml' : 'other'
        if (method === 'GET' || inQuery) {
          return { format: asked, inject: withBody({ method: method as 'GET', url: `/packetera/cbc_APIs.aspx?${formOf(all)}${junk}`, headers: {} }, method === 'POST' ? body : {}) }
        }
        // The form carries the fields (the body generator's own pairs lack ResponseFormat: add it in the query).
        return { format: asked, inject: withBody({ method: 'POST', url: `/packetera/cbc_APIs.aspx?ResponseFormat=${fmt}${junk}`, headers: {} }, body) }
      })
  },
  check(res, req) {
    assert.equal(res.statusCode, 200, res.body.slice(0, 300))
    assert.doesNotMatch(res.body, /ErrorCode\W{1,4}1099/, `internal error: ${res.body.slice(0, 300)}`)
    if (req.format === 'json' && String(res.headers['content-type']).includes('json')) {
      const body = json(res) as Record<string, string>
      assert.ok(body.Status === 'Success' || body.Status === 'Failure', res.body.slice(0, 200))
      if (body.Status === 'Failure') assert.deepEqual(Object.keys(body), ['Status', 'ErrorCode', 'ErrorMessage'])
    } else {
      assert.match(res.body.slice(0, 200), /Status\W{1,6}(Success|Failure)/, res.body.slice(0, 200))
    }
  },
  refused: (res) => /Status\W{1,6}Failure/.test(res.body.slice(0, 200)),
}

// spec/resellerclub.md §7: every error is HTTP 500 (404 for unknown routes) with {status: ERROR, message}; `Internal error` is the unexpected failure.
const resellerclub: DialectFuzz = {
  requests(path, method, _wireId, names, c, base) {
    const auth: [string, string][] = [['auth-userid', String(c.partner.id)], ['api-key', c.partner.apiKey]]
    // Random fields, or the call's valid base with some parameters dropped or replaced by hostile values (first value wins, §2.2).
    const mutatedBase = fc.tuple(fc.subarray(base), pairsOf(base.map(([k]) => k), c)).map(([kept, bad]) => [...bad, ...kept])
    const fields = fc.oneof(pairsOf(names, c), mutatedBase).chain((p) => fc.subarray(p.map(([k, v]) => [`${k}[]`, v] as [string, string])).map((arr) => [...p, ...arr]))
    const pairs = fields.map((f) => [...auth, ...f])
    return fc.record({ pairs, ext: fc.constantFrom('json', 'json', 'json', 'xml'), junk: rawQueryJunk, inQuery: fc.boolean(), body: formishBody(pairs) })
      .map(({ pairs: p, ext, junk, inQuery, body }) => {
        const url = `/resellerclub${path.replace(/\.json$/, `.${ext}`)}`
        const format = ext === 'xml' ? 'xml' : 'json'
        if (method === 'GET' || inQuery) return { format, inject: { method: method as 'GET', url: `${url}?${formOf(p)}${junk}` } }
        return { format, inject: withBody({ method: 'POST', url: `${url}${junk ? `?${junk.slice(1)}` : ''}`, headers: {} }, body) }
      })
  },
  check(res, req) {
    if (res.statusCode === 200) return
    assert.ok(res.statusCode === 500 || res.statusCode === 404, `status ${res.statusCode}`)
    if (req.format === 'xml') {
      assert.ok(res.body.startsWith('<hashtable>\n  <entry>\n    <string>status</string>\n    <string>ERROR</string>'), res.body.slice(0, 300))
      assert.ok(!res.body.includes('<string>Internal error</string>'), 'RC internal error')
    } else {
      const body = json(res) as { status: string; message: string }
      assert.equal(body.status, 'ERROR')
      assert.notEqual(body.message, 'Internal error', 'RC internal error')
    }
  },
  refused: (res) => res.statusCode !== 200,
}

// spec/porta.md §8: ResponseStatus errors 400/401/403/404/405 in the negotiated format, the text no-route 404; 500 is "anything else" (a bug here).
// The spec is silent on a body above the server's 1 MiB limit: 413 in the ResponseStatus envelope is accepted (docs/decisions/platform.md).
const porta: DialectFuzz = {
  requests(path, method, _wireId, names, c) {
    const route = pathOf(path.replace(':License', 'LICENSE'), c).chain((p) => fc.oneof({ weight: 4, arbitrary: fc.constant(c.partner.apiKey) }, { weight: 1, arbitrary: hostileSegment }).map((l) => p.replace('LICENSE', l)))
    const suffix = fc.constantFrom('', '', '', '.json', '.xml', '.jsv', '.csv', '.JSON', '.txt')
    const query = fc.array(fc.tuple(fieldName(names), fc.oneof(fieldValue(c), fc.constantFrom('[1,2]', '{a:1}', '"a,b"', '[', '{', '\\/Date(1)\\/', '/Date(99999999999999999)/', '0001-01-01', '9999-12-31T25:61:61'))), { maxLength: 6 })
    const neg = fc.constantFrom<[string, string][]>([], [], [['format', 'json']], [['format', 'xml']], [['format', 'jsv']], [['format', 'csv']], [['format', 'bogus']], [['callback', 'cb']], [['callback', '1x']], [['callback', '']])
    const accept = fc.constantFrom(undefined, 'application/xml', 'text/jsv', 'text/csv', '*/*', 'application/json;q=0', 'garbage/;;q=x')
    return fc.record({ route, suffix, query, neg, accept, junk: rawQueryJunk, verb: fc.constantFrom(method, method, method, 'POST'), body: jsonishBody(names, c) })
      .map(({ route: r, suffix: s, query: q, neg: n, accept: a, junk, verb, body }) => {
        const qs = formOf([...q, ...n]) + junk
        const inject: InjectOptions = { method: verb as 'GET', url: `/porta${r}${s}${qs ? `?${qs}` : ''}`, headers: a ? { accept: a } : {} }
        return { format: 'other', inject: verb === 'POST' ? withBody(inject, body) : inject }
      })
  },
  check(res, req) {
    if (res.statusCode === 200) return
    const type = String(res.headers['content-type'])
    if (res.statusCode === 404 && type.startsWith('text/plain')) {
      assert.match(res.body, /^Handler for Request not found \(404\)/)
      return
    }
    const oversized = res.statusCode === 413 && Buffer.byteLength(req.inject.payload as string | Buffer ?? '') > BODY_LIMIT
    assert.ok([400, 401, 403, 404, 405].includes(res.statusCode) || oversized, `status ${res.statusCode} ${res.body.slice(0, 300)}`)
    if (type.startsWith('application/json')) {
      const body = json(res) as { ResponseStatus: { ErrorCode: unknown; Errors: unknown } }
      assert.equal(typeof body.ResponseStatus.ErrorCode, 'string')
      assert.ok(Array.isArray(body.ResponseStatus.Errors))
    } else {
      assert.ok(res.body.includes('ResponseStatus') || res.body.includes('ErrorCode'), `${type}: ${res.body.slice(0, 300)}`)
    }
  },
  refused: (res) => res.statusCode !== 200,
}

// spec/delacon.md §1: HTTP 200 whatever the RESULT (404/405 for routes); 500 "something went wrong" is an unexpected failure (a bug here).
const delacon: DialectFuzz = {
  requests(path, method, _wireId, names, c) {
    const pairs = fc.tuple(pairsOf(names, c), fc.constantFrom<[string, string][]>([], [['termsCheck', 'on']], [['numbers', '1'], ['region', 'AU'], ['numberType', '1800']]))
      .map(([a, b]) => [...a, ...b])
    const body = fc.oneof(formishBody(pairs), jsonishBody(names, c))
    const auth = fc.oneof({ weight: 9, arbitrary: fc.constant(c.partner.apiKey) }, { weight: 1, arbitrary: fc.constantFrom(` ${c.partner.apiKey} `, '', c.partner.apiKey.toUpperCase()) })
    return fc.record({ path: pathOf(path, c, c.params.delaconWild ?? []), body, auth, junk: rawQueryJunk, query: pairsOf(names, c) })
      .map(({ path: p, body: b, auth: a, junk, query }) => {
        const qs = formOf(query) + junk
        const inject: InjectOptions = { method: method as 'GET', url: `/delacon${p}${qs ? `?${qs}` : ''}`, headers: { auth: a } }
        return { format: 'json', inject: method === 'GET' ? inject : withBody(inject, b) }
      })
  },
  check(res) {
    assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/)
    assert.ok([200, 404, 405].includes(res.statusCode), `status ${res.statusCode} ${res.body.slice(0, 300)}`)
    const body = json(res)
    if (res.statusCode === 200 && !('RESULT' in body)) return
    assert.ok(['OK', 'WAIT', 'FAIL', 'INVALID', 'LOGIN_FAILED'].includes(body.RESULT as string), res.body.slice(0, 200))
  },
  refused: (res) => {
    try { return !['OK', 'WAIT'].includes((res.json() as { RESULT?: string }).RESULT ?? 'OK') } catch { return true }
  },
}

/** The generator of each dialect: an operation of a dialect without one fails the coverage test. */
export const DIALECT_FUZZ: Partial<Record<DialectName, DialectFuzz>> = { ictcore, native, packetera, resellerclub, porta, delacon }
