import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Conflict, Forbidden, Invalid, Locked, NotFound, Unauthenticated, Unavailable, type DomainError } from '../../../src/core/errors.ts'
import { envelopeJson } from '../../../src/dialects/delacon/codec.ts'
import { renderDelaconError } from '../../../src/dialects/delacon/errors.ts'

test('every domain error kind renders as a Delacon envelope with the wire field name', () => {
  const cases: [DomainError, number, string][] = [
    [new Unauthenticated(), 200, '{"RESULT":"LOGIN_FAILED","MESSAGE":"Invalid or missing Auth header"}'],
    [new Forbidden('delacon'), 200, '{"RESULT":"LOGIN_FAILED","MESSAGE":"Invalid or missing Auth header"}'],
    [new Invalid('quantity', 'must be between 1 and 10'), 200, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - numbers must be between 1 and 10"}'],
    [new Conflict('email'), 200, '{"RESULT":"INVALID","MESSAGE":"Data validation failed - EmailAddress already exists"}'],
    [new NotFound('Company', 5), 200, '{"RESULT":"FAIL","MESSAGE":"Company not found"}'],
    [new Locked('order is closed'), 200, '{"RESULT":"FAIL","MESSAGE":"order is closed"}'],
    [new Unavailable('database down'), 500, '{"RESULT":"FAIL","MESSAGE":"something went wrong"}'],
  ]
  for (const [e, status, json] of cases) {
    const r = renderDelaconError(e)
    assert.equal(r.status, status, e.kind)
    assert.equal(envelopeJson(r.body), json)
  }
})

test('envelope keys always come in the §3 order and every value is a string', () => {
  const json = envelopeJson({ MESSAGE: 'm', Numbers: ['1', '2'], CID: 9, OrderId: 53, RESULT: 'OK' } as never)
  assert.equal(json, '{"RESULT":"OK","OrderId":"53","CID":"9","Numbers":"1, 2","MESSAGE":"m"}')
})
