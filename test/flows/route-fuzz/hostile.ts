import fc from 'fast-check'

// Issue 13 point 9: the hostile values every generated request is made of. Text values travel in
// paths, queries, forms and JSON strings; JSON values add every JSON type; bodies add malformed
// encodings, deep nesting, invalid UTF-8 and sizes above the body limits.

/** The body limit every dialect shares (src/app.ts) and ICTCore's JSON limit (spec/ictcore.md §1). */
export const BODY_LIMIT = 1024 * 1024

/** Text values: boundary lengths, NUL and control characters, numbers out of range, odd unicode, injection. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '', ' ', '\u0000', 'a\u0000b', '\u0001\u0007\u001b\u007f', '\r\n', '\t', '-1', '0', '1', '-0', '1.5', '1e309', '-1e309', 'NaN', 'Infinity',
    '2147483647', '2147483648', '-2147483649', '9007199254740993', '99999999999999999999999999999999', '0x10', ' 7 ', '+1', '1,2', '[1,2]',
    'true', 'false', 'null', 'undefined', '{}', '[]', '{"a":1}', "' or 1=1 --", '"; drop table users; --', '<x>&amp;</x>', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    '%', '%00', '%zz', '%C3%28', '%FF', '\uD800', '\uDFFF', '😀🇦🇺', 'ﬀ', 'İ', '\u202e', '/Date(-62135596800001)/', '\\/Date(x)\\/',
    'a'.repeat(20), 'a'.repeat(21), 'a'.repeat(30), 'a'.repeat(31), 'a'.repeat(255), 'a'.repeat(256), 'a'.repeat(65_536), 'a@b.c', 'x@', '@', '+', '+61', '0291234567',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
  fc.double().map(String),
)

/** A value percent-encoded for a path or query; a lone surrogate becomes its (invalid) UTF-8 bytes, sent raw. */
export function encodeHostile(s: string): string {
  try { return encodeURIComponent(s) } catch { return `%ED%A0%80${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))}` }
}

/** Path segments: ids that are not ids, percent-encoded junk and invalid UTF-8 percent sequences (sent raw). */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('-1', '0', '00', '1.0', '1e3', '2147483648', '99999999999999999999999', 'abc', '%00', '%C3%28', '%FF', '%', '%zz', '%2F', '1%2F2', '..', '%2E%2E',
    '%0A', '%20', 'x.json', 'x.xml', 'x.jsv', 'x.csv', '%E2%80%AE', '%F0%9F%98%80', 'a'.repeat(300), 'a'.repeat(10_000)),
  hostileText.map(encodeHostile),
)

/** Any JSON value, hostile numbers included. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.constantFrom(0, -1, -0, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE, true, false, null),
  fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(hostileText, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
)

/** `depth` levels of nesting, as JSON text (built as text: no recursion). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
}

/** Bodies that are not well-formed in any encoding the dialects read, or are too deep or too large. */
export const malformedBody: fc.Arbitrary<{ contentType?: string; payload: string | Buffer }> = fc.oneof(
  fc.record({
    contentType: fc.constantFrom('application/json', 'text/json', 'application/x-www-form-urlencoded', 'application/xml', 'text/xml', 'application/jsv', 'text/jsv',
      'text/csv', 'text/plain', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/octet-stream', 'base64', 'image/png', 'application/pdf', 'audio/wav',
      'text/html', '*/*', 'application/json; charset=latin1', 'application/json; charset=utf-16', ';;', 'x'.repeat(300), 'application/x-www-form-urlencoded; charset=x'),
    payload: fc.oneof(
      fc.constantFrom('{', '[1,', '"x', 'nul', '{"a":}', '{"a":1,}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '[]', '"x"', '1', 'null', 'true',
        '<x', '<?xml version="1.0"?><Product><License>', '<a><b></a></b>', '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
        '{License:', '{a:[1,2', '[{]', 'a:b:c', '"a,b"', '{a:"b', '\u0000', 'a,b\n"c', '"unterminated\n', 'a,b,c\n1,2\n3\n', '%', '%zz=1&a=%C3%28', '&&&=&=', '=',
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n', '--x--', 'data:application/pdf;base64,!!!', 'data:;base64,', 'phone,first_name\n\u0000,\u0007\n'),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
      fc.constantFrom(Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from('{"a":"\xff"}', 'latin1'), Buffer.from([0xed, 0xa0, 0x80])),
      fc.constantFrom(deepJson(10_000, 'array'), deepJson(10_000, 'object'), deepJson(200, 'array')),
    ),
  }),
  // Bodies without a Content-Type: each dialect has a rule for them (JSON, form or ignored).
  fc.record({ payload: fc.oneof(fc.constantFrom('{', deepJson(10_000, 'array'), 'a=%FF&b=\u0000'), fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a))) }),
)

/** A body just above the shared limit (sampled rarely: it costs a megabyte per case). */
export const oversizedBody = fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/csv', 'application/octet-stream', 'text/jsv')
  .map((contentType) => ({ contentType, payload: Buffer.alloc(BODY_LIMIT + 1, contentType === 'application/json' ? ' ' : 'a') }))

/** Field names nobody declares: extra fields, prototype keys, odd spellings. */
export const extraFieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'a\u0000b', 'x[]', 'x[0]', 'x[', '😀', 'a'.repeat(300)),
  fc.string({ minLength: 1, maxLength: 12 }),
)

/** Form/query encoding of a parameter list (values already strings). */
export function formOf(pairs: [string, string][]): string {
  return new URLSearchParams(pairs).toString()
}
