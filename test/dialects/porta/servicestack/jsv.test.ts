import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { list, object } from '../../../../src/dialects/porta/servicestack/dto-types.ts'
import { AccountServiceFeature, BillingModel, PortaProduct, Product, ProductResponse } from '../../../../src/dialects/porta/servicestack/dto.ts'
import { JsvSyntaxError, parseJsv, readJsv, writeJsv } from '../../../../src/dialects/porta/servicestack/jsv.ts'
import { fullProductResponse } from './sample-values.ts'

const d = (iso: string) => new Date(iso)

describe('JSV writer (spec/porta.md §7.3 writer table)', () => {
  const rows: [string, unknown, Parameters<typeof writeJsv>[1], string][] = [
    ['1a plain string', 'hello', 'string', 'hello'],
    ['1b percent sign', 'four%', 'string', 'four%'],
    ['2 comma', 'Me, Junior', 'string', '"Me, Junior"'],
    ['3a inner quotes', '2" x 1"', 'string', '"2"" x 1"""'],
    ['3b leading quote', '"1st', 'string', '"""1st"'],
    ['4a colon', '2:nd', 'string', '"2:nd"'],
    ['4b url', 'https://url.com', 'string', '"https://url.com"'],
    ['5 empty string', '', 'string', '""'],
    ['6a braces', 'a{b}', 'string', '"a{b}"'],
    ['6b brackets', '[x]', 'string', '"[x]"'],
    ['7 line feed', 'A\nB', 'string', '"A\nB"'],
    ['8 whitespace alone', ' x ', 'string', ' x '],
    ['9a true', true, 'bool', 'True'],
    ['9b false', false, 'bool', 'False'],
    ['10a int', -5, 'int', '-5'],
    ['10b decimal', 12.5, 'decimal', '12.5'],
    ['10c decimal zero', 0, 'decimal', '0'],
    ['11a midnight', d('2024-03-05T00:00:00Z'), 'datetime', '2024-03-05'],
    ['11b MinValue', d('0001-01-01T00:00:00Z'), 'datetime', '0001-01-01'],
    ['12 whole seconds', d('2024-03-05T10:20:30Z'), 'datetime', '2024-03-05T10:20:30Z'],
    ['13 fraction', d('2024-03-05T10:20:30.250Z'), 'datetime', '2024-03-05T10:20:30.2500000Z'],
    ['14 enum', 'Debit', BillingModel, 'Debit'],
    ['15a int list', [1, 2, 3], list('int'), '[1,2,3]'],
    ['15b empty list', [], list('int'), '[]'],
    ['15c string list with null', ['a', null, 'b,c'], list('string'), '[a,,"b,c"]'],
    ['16 PortaProduct', { IProduct: 7, Name: 'Gold, EU', MaintanenceFee: 9.99, Description: null, EndUserProductName: '', addon_priority: 2 }, PortaProduct,
      '{IProduct:7,Name:"Gold, EU",MaintanenceFee:9.99,IProductGroup:0,EndUserProductName:"",addon_priority:2}'],
    ['17 AccountServiceFeature', { ServiceFeatureName: 'voice_mail', ServiceAttributeName: null, ServiceAttributeId: 0, ServiceAttributeValue: 'Y' }, AccountServiceFeature,
      '{ServiceFeatureName:voice_mail,ServiceAttributeId:0,ServiceAttributeValue:Y}'],
  ]
  for (const [name, value, type, text] of rows) {
    test(`row ${name} is written as ${JSON.stringify(text)}`, () => {
      assert.equal(writeJsv(value, type), text)
    })
  }

  test('a null string property is omitted and an object with nothing to write is {}', () => {
    const T = object('T', { A: 'string', B: list('int') })
    assert.equal(writeJsv({ A: null, B: null }, T), '{}')
    assert.equal(writeJsv({ A: 'x' }, T), '{A:x}')
  })

  test('dates are written raw although they contain colons', () => {
    const T = object('T', { At: 'datetime' })
    assert.equal(writeJsv({ At: d('2024-03-05T10:20:30Z') }, T), '{At:2024-03-05T10:20:30Z}')
  })
})

describe('JSV reader (spec/porta.md §7.3 reader examples)', () => {
  test('{Name:"Me, Junior",Blocked:True} reads Name and Blocked', () => {
    const T = object('T', { Name: 'string', Blocked: 'bool' })
    assert.deepEqual(readJsv('{Name:"Me, Junior",Blocked:True}', T).value, { Name: 'Me, Junior', Blocked: true })
  })

  test('a doubled quote inside a quoted value is one quote', () => {
    assert.equal(readJsv<{ searchString: string }>('{searchString:"""q"""}', Product).value.searchString, '"q"')
  })

  test('a raw value may contain colons (dates)', () => {
    assert.equal(readJsv<{ fromDate: string }>('{fromDate:2024-03-05T10:20:30Z}', Product).value.fromDate, '2024-03-05T10:20:30Z')
  })

  test('unknown keys are skipped with their whole nested value', () => {
    const { value, errors } = readJsv<Record<string, unknown>>('{X:{A:[1,{B:"x,y"}]},IProduct:3}', Product)
    assert.deepEqual(value, { IProduct: 3 })
    assert.deepEqual(errors, [])
  })

  test('lists, lenient booleans and 0 as false', () => {
    const { value } = readJsv<Record<string, unknown>>('{LstIAccounts:[1,2,3],GetDIDS:on,Aliases:0}', Product)
    assert.deepEqual(value, { LstIAccounts: [1, 2, 3], GetDIDS: true, Aliases: false })
  })

  test('an empty raw value is null and "" is the empty string', () => {
    const { value } = readJsv<Record<string, unknown>>('{Currency:,ICustomer:5,name:""}', Product)
    assert.deepEqual(value, { Currency: null, ICustomer: 5, name: '' })
  })

  test('keys match ignoring case', () => {
    const { value } = readJsv<Record<string, unknown>>('{icustomer:5,CURRENCY:GBP}', Product)
    assert.deepEqual(value, { ICustomer: 5, Currency: 'GBP' })
  })

  test('raw string values are verbatim; raw non-strings are trimmed', () => {
    const T = object('T', { A: 'string', N: 'int' })
    assert.deepEqual(readJsv('{A: x ,N: 7 }', T).value, { A: ' x ', N: 7 })
  })

  test('whitespace around keys and structured values is ignored', () => {
    const T = object('T', { L: list('int'), Q: 'string' })
    assert.deepEqual(readJsv('{ L : [ 1 , 2 ] , Q : "a,b" }', T).value, { L: [1, 2], Q: 'a,b' })
  })

  test('enums read by name ignoring case or by number; dates in every §7.3 form', () => {
    const T = object('T', { B: BillingModel, C: BillingModel, D1: 'datetime', D2: 'datetime', D3: 'datetime', D4: 'datetime' })
    const { value } = readJsv<Record<string, unknown>>('{B:credit,C:-1,D1:2024-03-05,D2:2024-03-05T10:20:30,D3:/Date(1709634030250+0100)/,D4:2024-03-05T11:20:30+01:00}', T)
    assert.equal(value.B, 'Credit')
    assert.equal(value.C, 'Debit')
    assert.equal((value.D1 as Date).toISOString(), '2024-03-05T00:00:00.000Z')
    assert.equal((value.D2 as Date).toISOString(), '2024-03-05T10:20:30.000Z')
    assert.equal((value.D3 as Date).toISOString(), '2024-03-05T10:20:30.250Z')
    assert.equal((value.D4 as Date).toISOString(), '2024-03-05T10:20:30.000Z')
  })

  test('a value that is not of its field type is reported under that field', () => {
    const { errors } = readJsv('{ICustomer:abc,IProduct:1}', Product)
    assert.deepEqual(errors, [{ field: 'ICustomer', value: 'abc' }])
  })

  test('malformed structure is a syntax error', () => {
    for (const bad of ['{A:"open', '{A:[1,2}', '{A}', '[1,2', '{A:1}x']) {
      assert.throws(() => parseJsv(bad), JsvSyntaxError, bad)
    }
  })
})

describe('JSV round trip', () => {
  test('writing then reading a fully populated ProductResponse is the identity', () => {
    const value = fullProductResponse()
    const text = writeJsv(value, ProductResponse)
    const back = readJsv(text, ProductResponse)
    assert.deepEqual(back.errors, [])
    assert.deepEqual(back.value, value)
    assert.equal(writeJsv(back.value, ProductResponse), text)
  })
})
