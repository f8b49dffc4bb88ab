import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import * as errors from '../../src/core/errors.ts'
import { Conflict, DomainError, Forbidden, Invalid, Limited, Locked, NotFound, Unauthenticated, Unavailable, type DomainErrorKind } from '../../src/core/errors.ts'
import { envelopeJson } from '../../src/dialects/delacon/codec.ts'
import { renderDelaconError } from '../../src/dialects/delacon/errors.ts'
import { renderIctcoreError } from '../../src/dialects/ictcore/errors.ts'
import { renderNativeError } from '../../src/dialects/native/errors.ts'
import { failureOf } from '../../src/dialects/packetera/errors.ts'
import { failurePairs } from '../../src/dialects/packetera/reply.ts'
import { renderPortaError } from '../../src/dialects/porta/errors.ts'
import { errorReply } from '../../src/dialects/resellerclub/errors.ts'

// House style "Errors": every error kind × every dialect has a mapped status and envelope.

/** One error of each kind. A `Record` over the kind union: a new kind without a sample does not compile. */
const SAMPLES: Record<DomainErrorKind, () => DomainError> = {
  not_found: () => new NotFound('Widget', 7),
  invalid: () => new Invalid('email', 'is invalid'),
  forbidden: () => new Forbidden('user_create'),
  conflict: () => new Conflict('email'),
  locked: () => new Locked('Widget is in use'),
  unavailable: () => new Unavailable('database down'),
  unauthenticated: () => new Unauthenticated(),
  limited: () => new Limited(30, 'credential'),
}

/** Every DomainError subclass the module exports, found at run time (a new class is caught here too). */
function exportedKinds(): DomainErrorKind[] {
  const kinds: DomainErrorKind[] = []
  for (const value of Object.values(errors)) {
    if (typeof value !== 'function' || !(value.prototype instanceof DomainError)) continue
    // The abstract kind is a class field: read it from an instance (constructor arguments are optional or strings).
    const instance = new (value as unknown as new (...args: string[]) => DomainError)('x', 'y')
    kinds.push(instance.kind)
  }
  return kinds.sort()
}

/** What a dialect answers on the wire for a domain error: HTTP status and the body as sent. */
interface Rendered { status: number; body: unknown }

interface DialectCase {
  render(e: DomainError): Rendered
  /** The status per kind that the dialect's spec requires. */
  status: Record<DomainErrorKind, number>
  /** Asserts the body is the spec's error envelope. */
  envelope(body: unknown, kind: DomainErrorKind, status: number): void
  /** Kinds the spec answers with a 5xx (everything else must stay below 500). */
  serverErrors: DomainErrorKind[] | 'all'
  /** Whether the reason of an `Unavailable` stays off the wire (partner-facing dialects). */
  hidesUnavailableReason: boolean
}

const ALL_KINDS = Object.keys(SAMPLES) as DomainErrorKind[]
const nonEmpty = (v: unknown, what: string) => assert.ok(typeof v === 'string' && v.length > 0, `${what} is a non-empty string`)

const DIALECTS: Record<string, DialectCase> = {
  // spec/ictcore.md §3: `{"error":{"code","message"}}`, the same code as the HTTP status; 423 "System is not ready".
  ictcore: {
    render: (e) => renderIctcoreError(e),
    status: { not_found: 404, invalid: 412, conflict: 412, forbidden: 403, locked: 423, unavailable: 423, unauthenticated: 401, limited: 429 },
    envelope(body, _kind, status) {
      const b = body as { error: { code: number; message: string } }
      assert.deepEqual(Object.keys(b), ['error'])
      assert.deepEqual(Object.keys(b.error), ['code', 'message'])
      assert.equal(b.error.code, status)
      nonEmpty(b.error.message, 'error.message')
    },
    serverErrors: [],
    // ICTCore appends core's reason to the guide's 423 ("…: storage full: …"): core's Unavailable
    // reasons are written for operators (full disk, database restarting), never a dependency's text.
    hidesUnavailableReason: false,
  },
  // spec/packetera.md §3: always HTTP 200; `Status=Failure`, `ErrorCode`, `ErrorMessage` and nothing else (§3.1 codes).
  packetera: {
    render: (e) => ({ status: 200, body: failurePairs(failureOf(e)) }),
    status: { not_found: 200, invalid: 200, conflict: 200, forbidden: 200, locked: 200, unavailable: 200, unauthenticated: 200, limited: 200 },
    envelope(body, kind) {
      const pairs = body as [string, string][]
      assert.deepEqual(pairs.map(([n]) => n), ['Status', 'ErrorCode', 'ErrorMessage'])
      assert.equal(pairs[0]![1], 'Failure')
      const code = Number(pairs[1]![1])
      assert.ok(code >= 1001 && code <= 1099, `§3.1 code, got ${code}`)
      const expected: Record<DomainErrorKind, number> = {
        not_found: 1002, invalid: 1005, conflict: 1008, forbidden: 1001, locked: 1099, unavailable: 1099, unauthenticated: 1001, limited: 1011,
      }
      assert.equal(code, expected[kind])
      nonEmpty(pairs[2]![1], 'ErrorMessage')
    },
    serverErrors: [],
    hidesUnavailableReason: true,
  },
  // spec/resellerclub.md §7: every error is HTTP 500 (as upstream) with `{"status":"ERROR","message"}`.
  resellerclub: {
    render(e) {
      const r = errorReply(e)
      return { status: r.status, body: { status: 'ERROR', message: r.message } }
    },
    status: { not_found: 500, invalid: 500, conflict: 500, forbidden: 500, locked: 500, unavailable: 500, unauthenticated: 500, limited: 500 },
    envelope(body, kind) {
      const b = body as { status: string; message: string }
      assert.equal(b.status, 'ERROR')
      nonEmpty(b.message, 'message')
      if (kind === 'unavailable') assert.equal(b.message, 'Internal error')
      if (kind === 'forbidden' || kind === 'unauthenticated') assert.equal(b.message, 'Invalid credentials')
    },
    serverErrors: 'all',
    hidesUnavailableReason: true,
  },
  // spec/porta.md §8: ResponseStatus {ErrorCode, Message, Errors[]}; 500 InternalServerError for "anything else".
  porta: {
    render(e) {
      const { status, ...responseStatus } = renderPortaError(e)
      return { status, body: { ResponseStatus: responseStatus } }
    },
    status: { not_found: 404, invalid: 400, conflict: 400, forbidden: 403, locked: 400, unavailable: 500, unauthenticated: 401, limited: 429 },
    envelope(body, kind) {
      const b = body as { ResponseStatus: { ErrorCode: string; Message: string; Errors: { ErrorCode: string; FieldName: string; Message: string }[] } }
      assert.deepEqual(Object.keys(b), ['ResponseStatus'])
      assert.deepEqual(Object.keys(b.ResponseStatus), ['ErrorCode', 'Message', 'Errors'])
      const codes: Record<DomainErrorKind, string> = {
        not_found: 'NotFound', invalid: 'ArgumentException', conflict: 'ArgumentException', forbidden: 'Forbidden',
        locked: 'ArgumentException', unavailable: 'InternalServerError', unauthenticated: 'Unauthorized', limited: 'TooManyRequests',
      }
      assert.equal(b.ResponseStatus.ErrorCode, codes[kind])
      nonEmpty(b.ResponseStatus.Message, 'Message')
      assert.ok(Array.isArray(b.ResponseStatus.Errors))
      for (const item of b.ResponseStatus.Errors) assert.deepEqual(Object.keys(item), ['ErrorCode', 'FieldName', 'Message'])
      if (kind === 'unavailable') assert.equal(b.ResponseStatus.Message, 'An internal error occurred.')
    },
    serverErrors: ['unavailable'],
    hidesUnavailableReason: true,
  },
  // spec/delacon.md §1, §3: HTTP 200 whatever the RESULT; an unexpected failure is 500 "something went wrong".
  delacon: {
    render: (e) => renderDelaconError(e),
    status: { not_found: 200, invalid: 200, conflict: 200, forbidden: 200, locked: 200, unavailable: 500, unauthenticated: 200, limited: 200 },
    envelope(body, kind) {
      const json = JSON.parse(envelopeJson(body as never)) as Record<string, string>
      assert.deepEqual(Object.keys(json), ['RESULT', 'MESSAGE'])
      const results: Record<DomainErrorKind, string> = {
        not_found: 'FAIL', invalid: 'INVALID', conflict: 'INVALID', forbidden: 'LOGIN_FAILED', locked: 'FAIL', unavailable: 'FAIL', unauthenticated: 'LOGIN_FAILED', limited: 'LOGIN_FAILED',
      }
      assert.equal(json.RESULT, results[kind])
      nonEmpty(json.MESSAGE, 'MESSAGE')
      if (kind === 'unavailable') assert.equal(json.MESSAGE, 'something went wrong')
    },
    serverErrors: ['unavailable'],
    hidesUnavailableReason: true,
  },
  // The native admin API (docs/decisions/platform.md, "Errors"): `{"error", "field"?}` with the REST status of each kind.
  native: {
    render: (e) => renderNativeError(e),
    status: { not_found: 404, invalid: 400, conflict: 409, forbidden: 403, locked: 409, unavailable: 503, unauthenticated: 401, limited: 429 },
    envelope(body, kind) {
      const b = body as { error: string; field?: string }
      assert.deepEqual(Object.keys(b), kind === 'invalid' || kind === 'conflict' ? ['error', 'field'] : ['error'])
      nonEmpty(b.error, 'error')
    },
    serverErrors: ['unavailable'],
    // Operators' API: platform.md documents `{"error":"<message>"}` for Unavailable too.
    hidesUnavailableReason: false,
  },
}

describe('every domain error kind × every dialect', () => {
  test('the samples cover every DomainError class that core/errors.ts exports', () => {
    // A subclass (SuspendedLogin is an Unauthenticated) is rendered as its kind.
    assert.deepEqual([...new Set(exportedKinds())], [...ALL_KINDS].sort())
  })

  for (const [dialect, d] of Object.entries(DIALECTS)) {
    for (const kind of ALL_KINDS) {
      test(`${dialect} renders ${kind} with its spec status and envelope`, () => {
        const e = SAMPLES[kind]()
        const { status, body } = d.render(e)
        assert.equal(status, d.status[kind], `${dialect} ${kind} status`)
        if (status >= 500) assert.ok(d.serverErrors === 'all' || d.serverErrors.includes(kind), `${dialect} answers ${kind} with ${status}, which its spec does not allow`)
        d.envelope(body, kind, status)
        // A partner never sees why a dependency is down (house style: no internal text on the wire).
        if (kind === 'unavailable' && d.hidesUnavailableReason) assert.ok(!JSON.stringify(body).includes('database down'), `${dialect} leaks the reason`)
      })
    }
  }
})
