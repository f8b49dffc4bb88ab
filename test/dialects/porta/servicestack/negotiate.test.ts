import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { BadCallback, negotiate, type NegotiationInput } from '../../../../src/dialects/porta/servicestack/negotiate.ts'
import { parseQuery, splitRequest } from '../../../../src/dialects/porta/servicestack/request-url.ts'

const input = (over: Partial<NegotiationInput> & { q?: string } = {}): NegotiationInput => ({ query: parseQuery(over.q ?? ''), suffix: null, ...over })

describe('format negotiation (spec/porta.md §7.1)', () => {
  test('callback beats format: JSONP', () => {
    assert.deepEqual(negotiate(input({ q: 'callback=cb&format=xml', suffix: 'jsv' })), { format: 'json', callback: 'cb', jsvTextType: false })
  })

  test('an invalid callback name is refused, with the format the rest of the rules give', () => {
    assert.throws(() => negotiate(input({ q: 'callback=1x&format=jsv' })), (e) => e instanceof BadCallback && e.negotiated.format === 'jsv')
    assert.throws(() => negotiate(input({ q: 'callback=a(b)' })), BadCallback)
  })

  test('format beats the route suffix, and text after the first dot is ignored', () => {
    assert.equal(negotiate(input({ q: 'format=xml', suffix: 'jsv' })).format, 'xml')
    assert.equal(negotiate(input({ q: 'format=jsv.anything' })).format, 'jsv')
  })

  test('an unknown format value is skipped', () => {
    assert.equal(negotiate(input({ q: 'format=yaml', suffix: 'csv' })).format, 'csv')
  })

  test('the route suffix beats the predefined-route segment and Accept', () => {
    assert.equal(negotiate(input({ suffix: 'jsv', routeFormat: 'xml', accept: 'text/csv' })).format, 'jsv')
  })

  test('the predefined-route segment beats Accept and makes JSV text/jsv', () => {
    const n = negotiate(input({ routeFormat: 'jsv', accept: 'application/xml' }))
    assert.equal(n.format, 'jsv')
    assert.equal(n.jsvTextType, true)
  })

  test('Accept: the highest q supported type wins', () => {
    assert.equal(negotiate(input({ accept: 'application/xml;q=0.5, text/jsv;q=0.9, text/html' })).format, 'jsv')
    assert.equal(negotiate(input({ accept: 'text/html, text/csv;q=0.1' })).format, 'csv')
    assert.equal(negotiate(input({ accept: 'application/jsv;q=0, application/xml;q=0.2' })).format, 'xml')
  })

  test('Accept */* means the request Content-Type when it is supported, else JSON', () => {
    assert.equal(negotiate(input({ accept: '*/*', contentType: 'text/jsv; charset=utf-8' })).format, 'jsv')
    assert.equal(negotiate(input({ accept: '*/*', contentType: 'image/png' })).format, 'json')
  })

  test('with nothing else, JSON', () => {
    assert.equal(negotiate(input()).format, 'json')
  })
})

describe('request URL splitting (spec/porta.md §3, §6, §7.1)', () => {
  test('the suffix is read from the raw path and stripped before matching', () => {
    const r = splitRequest('/porta/GetProducts/K/GBP.xml?x=1', '/porta')
    assert.deepEqual(r.segments, ['GetProducts', 'K', 'GBP'])
    assert.equal(r.suffix, 'xml')
  })

  test('%2E keeps a dot in a value; segments are percent-decoded after splitting', () => {
    const r = splitRequest('/porta/GetAccountInfoByAccountId/K/a%2Ejsv', '/porta')
    assert.equal(r.suffix, null)
    assert.deepEqual(r.segments, ['GetAccountInfoByAccountId', 'K', 'a.jsv'])
    assert.deepEqual(splitRequest('/porta/A/x%2Fy//z/', '/porta').segments, ['A', 'x/y', 'z'])
  })

  test('malformed percent escapes are kept as they are', () => {
    assert.deepEqual(splitRequest('/porta/A/50%25%ZZ', '/porta').segments, ['A', '50%%ZZ'])
  })

  test('query names ignore case, the last occurrence wins, + is a space, a bare name binds the empty value', () => {
    const q = parseQuery('a=1&A=2&s=x+y%2Bz&flag')
    assert.equal(q.get('a')!.value, '2')
    assert.equal(q.get('s')!.value, 'x y+z')
    assert.equal(q.get('flag')!.value, '')
  })
})
