import assert from 'node:assert/strict'
import { test } from 'node:test'
import { NotFound, Unavailable } from '../../../src/core/errors.ts'
import { databaseUnavailable, domainErrorOf } from '../../../src/core/kernel/db-errors.ts'

const wrapped = (cause: object) => Object.assign(new Error('Failed query: insert into …'), { cause })

test('a full disk (SQLSTATE 53100, wrapped by drizzle) is Unavailable with a reason naming storage, not the database text; issue 13 point 10', () => {
  const e = databaseUnavailable(wrapped(Object.assign(new Error('could not extend file "base/5/24577": No space left on device'), { code: '53100' })))
  assert.ok(e instanceof Unavailable)
  assert.match(e.reason, /storage full/)
  assert.doesNotMatch(e.reason, /base\/5|could not extend/)
})

test('a database that is down or restarting is Unavailable; issue 13 point 10', () => {
  for (const cause of [
    { code: '57P01', message: 'terminating connection due to administrator command' },
    { code: '57P03', message: 'the database system is starting up' },
    { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' },
    { message: 'Connection terminated unexpectedly' },
  ]) {
    assert.match(databaseUnavailable(wrapped(Object.assign(new Error(cause.message), cause)))?.reason ?? '', /database unavailable/, cause.message)
  }
})

test('other database errors are left to the caller', () => {
  assert.equal(databaseUnavailable(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' }))), null)
  assert.equal(databaseUnavailable(new TypeError('x is undefined')), null)
})

test('the domain error of a thrown value: a domain error itself, a database outage as Unavailable, anything else none', () => {
  const notFound = new NotFound('contact', 7)
  assert.equal(domainErrorOf(notFound), notFound)
  assert.ok(domainErrorOf(wrapped(Object.assign(new Error('terminating connection'), { code: '57P01' }))) instanceof Unavailable)
  assert.equal(domainErrorOf(new TypeError('x is undefined')), null)
  assert.equal(domainErrorOf(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' }))), null)
})
