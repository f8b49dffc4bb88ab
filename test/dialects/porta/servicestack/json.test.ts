import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { defaultOf, formatNumber, isValueType, list, object, type FieldType } from '../../../../src/dialects/porta/servicestack/dto-types.ts'
import { formatJsonDate } from '../../../../src/dialects/porta/servicestack/scalars.ts'
import { BillingModel, ErrorResponse, PortaAccount, ProductResponse } from '../../../../src/dialects/porta/servicestack/dto.ts'
import { writeJson } from '../../../../src/dialects/porta/servicestack/json.ts'
import { fullProductResponse, populate } from './sample-values.ts'

/** The writer as spec §7.2 reads, walked field by field: the compiled writer must agree with it. */
function referenceJson(value: unknown, type: FieldType): string {
  if (value === null || value === undefined) return isValueType(type) ? referenceJson(defaultOf(type), type) : 'null'
  switch (type) {
    case 'string': return JSON.stringify(String(value))
    case 'int':
    case 'decimal': return formatNumber(value as number | string)
    case 'bool': return value ? 'true' : 'false'
    case 'datetime': return `"${formatJsonDate(value as Date)}"`
  }
  switch (type.kind) {
    case 'enum': return JSON.stringify(String(value))
    case 'list': return `[${(value as unknown[]).map((item) => referenceJson(item, type.item)).join(',')}]`
    case 'object': {
      const fields = type.fields.filter((f) => isValueType(f.type) || ((value as Record<string, unknown>)[f.name] ?? null) !== null)
      return `{${fields.map((f) => `"${f.name}":${referenceJson((value as Record<string, unknown>)[f.name], f.type)}`).join(',')}}`
    }
  }
}

/** `value` with every `n`th property (depth first) set to null. */
function withNulls(value: unknown, n: number, counter = { i: 0 }): unknown {
  if (Array.isArray(value)) return value.map((v) => withNulls(v, n, counter))
  if (value === null || typeof value !== 'object' || value instanceof Date) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ++counter.i % n === 0 ? null : withNulls(v, n, counter)]))
}

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

  test('the compiled writer agrees with a field-by-field walk, full or with nulls anywhere', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const full = populate(ProductResponse, seed)
      assert.equal(writeJson(full, ProductResponse), referenceJson(full, ProductResponse))
      for (const n of [2, 3, 5, 7]) {
        const holey = withNulls(full, n)
        assert.equal(writeJson(holey, ProductResponse), referenceJson(holey, ProductResponse))
      }
    }
    assert.equal(writeJson(null, ProductResponse), 'null')
  })
})
