import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PacketeraInput, parseForm } from '../../../src/dialects/packetera/request.ts'
import { checkReplySetting, replyClash } from '../../../src/core/resellers/index.ts'
import { BUILTIN_REPLY, effectiveReplyConfig, renderPairs, requestReplyConfig, type Pairs } from '../../../src/dialects/packetera/reply.ts'

function input(form: string): PacketeraInput {
  const i = new PacketeraInput()
  parseForm(i, form)
  return i
}

const SAMPLE: Pairs = [['Status', 'Success'], ['MemberID', '1001'], ['Active', 'No'], ['DefaultButtonGUID', 'E633AC9D-B56F-4BE9-9EB6-F703E429C738']]

describe('Packetera request parsing (spec §2)', () => {
  test('names are trimmed and case-insensitive, values trimmed, the first non-empty occurrence wins', () => {
    const i = input('%20FirstName=%20Ada%20&firstname=Bob&LASTNAME=&lastname=Byron&+City=van+couver')
    assert.equal(i.get('FirstName'), 'Ada')
    assert.equal(i.get('LastName'), 'Byron')
    assert.equal(i.get('City'), 'van couver')
    assert.equal(i.get('Country'), undefined)
  })

  test('malformed percent sequences and bad UTF-8 never throw', () => {
    const i = input('A=%E0%A4%A&B=100%&C=%FF&D=%C3%A9')
    assert.equal(i.get('A'), '\uFFFD%A')
    assert.equal(i.get('B'), '100%')
    assert.equal(i.get('C'), '\uFFFD')
    assert.equal(i.get('D'), 'é')
  })

  test('reply delimiters keep their white space', () => {
    const i = input('ResponseDelimiter=%0D%0A&ResponseSeparator=%20')
    assert.equal(i.raw('ResponseDelimiter'), '\r\n')
    assert.equal(i.raw('ResponseSeparator'), ' ')
  })
})

describe('Packetera reply rendering (spec §3)', () => {
  test('namevalue percent-encodes values as encodeURIComponent does', () => {
    const out = renderPairs([['Status', 'Failure'], ['ErrorCode', '1003'], ['ErrorMessage', 'Missing required field: PhoneNumber']], BUILTIN_REPLY)
    assert.equal(out.body, 'Status=Failure&ErrorCode=1003&ErrorMessage=Missing%20required%20field%3A%20PhoneNumber')
    assert.equal(out.contentType, 'text/plain; charset=utf-8')
  })

  test('the four spec examples of one reply are reproduced exactly', () => {
    assert.equal(renderPairs(SAMPLE, BUILTIN_REPLY).body, 'Status=Success&MemberID=1001&Active=No&DefaultButtonGUID=E633AC9D-B56F-4BE9-9EB6-F703E429C738')
    assert.equal(renderPairs(SAMPLE, { format: 'namevalue', delimiter: '|', separator: ':', encapsulator: '"' }).body,
      'Status:"Success"|MemberID:"1001"|Active:"No"|DefaultButtonGUID:"E633AC9D-B56F-4BE9-9EB6-F703E429C738"')
    const json = renderPairs(SAMPLE, { ...BUILTIN_REPLY, format: 'json' })
    assert.equal(json.body, '{"Status":"Success","MemberID":"1001","Active":"No","DefaultButtonGUID":"E633AC9D-B56F-4BE9-9EB6-F703E429C738"}')
    assert.equal(json.contentType, 'application/json; charset=utf-8')
    const xml = renderPairs(SAMPLE, { ...BUILTIN_REPLY, format: 'xml' })
    assert.equal(xml.body, '<?xml version="1.0" encoding="utf-8"?><Response><Status>Success</Status><MemberID>1001</MemberID><Active>No</Active><DefaultButtonGUID>E633AC9D-B56F-4BE9-9EB6-F703E429C738</DefaultButtonGUID></Response>')
    assert.equal(xml.contentType, 'application/xml; charset=utf-8')
  })

  test('an encapsulator inside a value is doubled and the value is otherwise raw', () => {
    const out = renderPairs([['A', 'say "hi" & go']], { format: 'namevalue', delimiter: '&', separator: '=', encapsulator: '"' })
    assert.equal(out.body, 'A="say ""hi"" & go"')
  })

  test('xml escapes &, < and > and replaces characters XML cannot hold', () => {
    const out = renderPairs([['A', '<a&b>\u0001']], { ...BUILTIN_REPLY, format: 'xml' })
    assert.equal(out.body, '<?xml version="1.0" encoding="utf-8"?><Response><A>&lt;a&amp;b&gt;\uFFFD</A></Response>')
  })
})

describe('Packetera response configuration fields (spec §2.2)', () => {
  test('valid fields override the built-in defaults', () => {
    const r = requestReplyConfig(input('ResponseFormat=JSON&ResponseDelimiter=%0D%0A&ResponseSeparator=%3A%3A&ResponseEncapsulator=%27'))
    assert.equal(r.failure, undefined)
    assert.deepEqual(r.config, { format: 'json', delimiter: '\r\n', separator: '::', encapsulator: "'" })
  })

  for (const [form, field] of [
    ['ResponseFormat=html', 'ResponseFormat'],
    ['ResponseDelimiter=ab', 'ResponseDelimiter'],
    ['ResponseDelimiter=%7C1', 'ResponseDelimiter'],
    ['ResponseDelimiter=%25', 'ResponseDelimiter'],
    ['ResponseDelimiter=%7C%7C%7C%7C%7C%7C', 'ResponseDelimiter'],
    ['ResponseSeparator=%26', 'ResponseSeparator'],
    ['ResponseDelimiter=%3D', 'ResponseDelimiter'],
    ['ResponseDelimiter=%7C&ResponseSeparator=%7C', 'ResponseSeparator'],
    ['ResponseEncapsulator=%22%22', 'ResponseEncapsulator'],
    ['ResponseEncapsulator=x', 'ResponseEncapsulator'],
    ['ResponseEncapsulator=%26', 'ResponseEncapsulator'],
    ['ResponseDelimiter=%7C%22&ResponseEncapsulator=%22', 'ResponseEncapsulator'],
  ] as const) {
    test(`${form} is refused naming ${field}, and the reply stays renderable`, () => {
      const r = requestReplyConfig(input(form))
      assert.equal(r.failure?.code, 1005)
      assert.equal(r.failure?.text, `Invalid value for field: ${field}`)
      assert.notEqual(r.config.delimiter, r.config.separator)
    })
  }

  test('a refused field does not take the valid ones down with it', () => {
    const r = requestReplyConfig(input('ResponseFormat=xml&ResponseDelimiter=abc'))
    assert.equal(r.failure?.text, 'Invalid value for field: ResponseDelimiter')
    assert.equal(r.config.format, 'xml')
    assert.equal(r.config.delimiter, '&')
  })

  test('request fields beat partner defaults, which beat the built-ins', () => {
    const settings = { packeteraReply: { format: 'json', delimiter: '|' } }
    assert.deepEqual(effectiveReplyConfig({}, settings), { format: 'json', delimiter: '|', separator: '=', encapsulator: '' })
    assert.deepEqual(effectiveReplyConfig({ format: 'xml' }, settings), { format: 'xml', delimiter: '|', separator: '=', encapsulator: '' })
    // A partner default that clashes with the request's fields is set aside.
    assert.deepEqual(effectiveReplyConfig({ separator: '|' }, settings), { format: 'namevalue', delimiter: '&', separator: '|', encapsulator: '' })
    // Invalid stored defaults are ignored.
    assert.deepEqual(effectiveReplyConfig({}, { packeteraReply: { format: 'yaml', delimiter: 'x' } }), BUILTIN_REPLY)
  })

  test('stored defaults are validated like request fields (one rule set in core, used by the partner settings)', () => {
    assert.equal(checkReplySetting('format', 'XML'), 'xml')
    assert.equal(checkReplySetting('encapsulator', '"'), '"')
    assert.equal(replyClash({ ...BUILTIN_REPLY, separator: '&' }, { separator: '&' }), 'separator')
  })
})
