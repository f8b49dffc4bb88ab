import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { bindProduct, readBody } from '../../../../src/dialects/porta/servicestack/bind.ts'
import { PortaFault } from '../../../../src/dialects/porta/servicestack/fault.ts'
import { parseQuery } from '../../../../src/dialects/porta/servicestack/request-url.ts'

const bind = (path: Record<string, string>, q = '', body?: Record<string, unknown>, form?: string) =>
  bindProduct({ path, query: parseQuery(q), body, form: form === undefined ? null : parseQuery(form) })

function bindingErrors(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    assert.ok(e instanceof PortaFault)
    assert.equal(e.status, 400)
    assert.equal(e.errorCode, 'SerializationException')
    assert.equal(e.message, "Unable to bind to request 'Product'")
    return e.errors
  }
  assert.fail('expected a binding fault')
}

describe('request binding (spec/porta.md §6)', () => {
  test('route variables bind the DTO field of the same name ignoring case', () => {
    const { dto } = bind({ License: 'K', ICustomer: '42', ToDate: '2024-01-01', SearchString: 'gold' })
    assert.equal(dto.License, 'K')
    assert.equal(dto.ICustomer, 42)
    assert.equal(dto.toDate, '2024-01-01')
    assert.equal(dto.searchString, 'gold')
  })

  test('precedence: body < path < query < form', () => {
    assert.equal(bind({ ICustomer: '2' }, '', { ICustomer: 1 }).dto.ICustomer, 2)
    assert.equal(bind({ ICustomer: '2' }, 'icustomer=3', { ICustomer: 1 }).dto.ICustomer, 3)
    assert.equal(bind({ ICustomer: '2' }, 'ICustomer=3', { ICustomer: 1 }, 'ICUSTOMER=4').dto.ICustomer, 4)
    assert.equal(bind({ License: 'path' }, 'License=query').dto.License, 'query')
  })

  test('ints take an optional sign and digits within 32 bits; anything else names the field', () => {
    assert.equal(bind({ IAccount: '+7' }).dto.IAccount, 7)
    assert.equal(bind({ IAccount: '-7' }).dto.IAccount, -7)
    assert.deepEqual(bindingErrors(() => bind({ IAccount: '12x' })), [
      { ErrorCode: 'SerializationException', FieldName: 'IAccount', Message: "'12x' is an Invalid value for 'IAccount'" },
    ])
    assert.deepEqual(bindingErrors(() => bind({ IAccount: '2147483648' }, 'PageNumber=1.5')), [
      { ErrorCode: 'SerializationException', FieldName: 'IAccount', Message: "'2147483648' is an Invalid value for 'IAccount'" },
      { ErrorCode: 'SerializationException', FieldName: 'PageNumber', Message: "'1.5' is an Invalid value for 'PageNumber'" },
    ])
  })

  test('booleans are lenient and empty values are the type default', () => {
    const { dto } = bind({}, 'GetDIDS=Y&Aliases=off&forACL&IProduct=&Currency=')
    assert.equal(dto.GetDIDS, true)
    assert.equal(dto.Aliases, false)
    assert.equal(dto.forACL, false)
    assert.equal(dto.IProduct, 0)
    assert.equal(dto.Currency, null)
    assert.deepEqual(bindingErrors(() => bind({}, 'GetDIDS=maybe')), [
      { ErrorCode: 'SerializationException', FieldName: 'GetDIDS', Message: "'maybe' is an Invalid value for 'GetDIDS'" },
    ])
  })

  test('strings lose one level of JSV quoting; lists accept [1,2] or bare 1,2', () => {
    assert.equal(bind({}, 'SearchTerm="a,b"').dto.SearchTerm, 'a,b')
    assert.equal(bind({}, 'SearchTerm="open').dto.SearchTerm, '"open')
    assert.deepEqual(bind({}, 'LstIAccounts=[1,2]').dto.LstIAccounts, [1, 2])
    assert.deepEqual(bind({}, 'LstIAccounts=3,4').dto.LstIAccounts, [3, 4])
    assert.ok(bindingErrors(() => bind({}, 'LstIAccounts=1,x')))
  })

  test('unknown names are ignored and TenantID binds as an extra int', () => {
    const b = bind({ TenantID: '9' }, 'nonsense=1&format=jsv')
    assert.equal(b.tenantId, 9)
    assert.equal((b.dto as Record<string, unknown>).nonsense, undefined)
  })

  test('JSON and JSV bodies read names ignoring case and numbers/booleans given as strings', () => {
    assert.deepEqual(readBody('json', '{"icustomer":"5","GETDIDS":"true","License":"K","x":1}'), { ICustomer: 5, GetDIDS: true, License: 'K' })
    assert.deepEqual(readBody('jsv', '{icustomer:5,License:K}'), { ICustomer: 5, License: 'K' })
    assert.ok(bindingErrors(() => readBody('json', '{"ICustomer":"five"}')))
    assert.ok(bindingErrors(() => readBody('json', '{oops')))
    assert.ok(bindingErrors(() => readBody('jsv', '{ICustomer:[1}')))
  })
})
