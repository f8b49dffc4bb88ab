import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Conflict, Forbidden, Invalid, Locked, NotFound, Unauthenticated, Unavailable, type DomainError } from '../../../src/core/errors.ts'
import { renderIctcoreError, wireField } from '../../../src/dialects/ictcore/errors.ts'

describe('ICTCore error envelope', () => {
  test('every domain error kind maps to a status and the same code in the body', () => {
    const cases: [DomainError, number, string][] = [
      [new NotFound('Account', 5), 404, 'Account not found'],
      [new Invalid('firstName'), 412, 'Data validation failed, for first_name'],
      [new Conflict('email'), 412, 'Data validation failed, for email'],
      [new Forbidden('user_create'), 403, 'User not permitted to perform required action'],
      [new Locked('Built-in role'), 423, 'Built-in role'],
      [new Unavailable('database down'), 423, 'System is not ready to perform requested action: database down'],
      [new Unauthenticated('inactive'), 401, 'Invalid credentials'],
    ]
    for (const [e, status, message] of cases) {
      assert.deepEqual(renderIctcoreError(e), { status, body: { error: { code: status, message } } }, e.kind)
    }
  })

  test('core field names are rendered in the wire spelling', () => {
    assert.equal(wireField(undefined, 'passwdPin'), 'passwd_pin')
    assert.equal(wireField(undefined, 'body'), 'body')
  })
})
