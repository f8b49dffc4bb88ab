import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { list, object } from '../../../src/dialects/porta/dto-types.ts'
import { BillingModel, ErrorResponse, PortaAccount, ProductResponse } from '../../../src/dialects/porta/dto.ts'
import { writeJson } from '../../../src/dialects/porta/json.ts'
import { fullProductResponse } from './sample-values.ts'

describe('JSON writer (spec/porta.md §7.2)', () => {
  test('the §7.2 example: declared order, nulls omitted, value-type defaults written', () => {
    const value = { PortaProducts: [{ IProduct: 7, Name: 'Gold', MaintanenceFee: 9.99, Description: null }], License: null, FeatureName: null }
    assert.equal(writeJson(value, ProductResponse),
      '{"PortaProducts":[{"IProduct":7,"Name":"Gold","MaintanenceFee":9.99,"IProductGroup":0,"addon_priority":0}],"NumberOfAccounts":0,"ContentId":0}')
  })

  test('dates are \\/Date(ms-0000)\\/ with the backslashes in the JSON text; MinValue is the .NET minimum', () => {
    const T = object('T', { A: 'datetime', B: 'datetime' })
    assert.equal(writeJson({ A: new Date('2024-03-05T10:20:30.250Z') }, T),
      '{"A":"\\/Date(1709634030250-0000)\\/","B":"\\/Date(-62135596800000-0000)\\/"}')
  })

  test('enums by name, empty lists [], nulls inside lists null', () => {
    const T = object('T', { M: BillingModel, E: list('int'), S: list('string') })
    assert.equal(writeJson({ M: 'Debit', E: [], S: ['a', null] }, T), '{"M":"Debit","E":[],"S":["a",null]}')
    assert.equal(writeJson({}, T), '{"M":"ReChargeVoucher"}')
  })

  test('numbers are invariant and shortest, never with an exponent', () => {
    const T = object('T', { A: 'decimal', B: 'decimal', C: 'decimal', D: 'int', E: 'decimal' })
    assert.equal(writeJson({ A: 9.99, B: 1e21, C: 1e-7, D: -5, E: '12.500' }, T), '{"A":9.99,"B":1000000000000000000000,"C":0.0000001,"D":-5,"E":12.5}')
  })

  test('slashes and non-ASCII are not escaped; quotes and control characters are', () => {
    const T = object('T', { S: 'string' })
    assert.equal(writeJson({ S: 'https://x/ü "q"\n' }, T), '{"S":"https://x/ü \\"q\\"\\n"}')
  })

  test('a fully populated response is valid JSON with every property in declared order', () => {
    const text = writeJson(fullProductResponse(), ProductResponse)
    const parsed = JSON.parse(text)
    assert.deepEqual(Object.keys(parsed), ProductResponse.fields.map((f) => f.name))
    assert.deepEqual(Object.keys(parsed.AccountInfo), PortaAccount.fields.map((f) => f.name))
  })

  test('the error body carries only ResponseStatus with Errors always present', () => {
    const text = writeJson({ ResponseStatus: { ErrorCode: 'NotFound', Message: 'x', Errors: [] } }, ErrorResponse)
    assert.equal(text, '{"ResponseStatus":{"ErrorCode":"NotFound","Message":"x","Errors":[]}}')
  })
})
