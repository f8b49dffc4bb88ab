import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { javaDouble, threeDecimals } from '../../../src/dialects/resellerclub/codec.ts'
import { escapeXml, toJson, toXml } from '../../../src/dialects/resellerclub/xml.ts'

describe('resellerclub reply encoding', () => {
  test('bare replies are single elements and compact JSON', () => {
    assert.equal(toXml('89c4109f-ab08-4065-bf7f-8c41c2b1f34a'), '<string>89c4109f-ab08-4065-bf7f-8c41c2b1f34a</string>')
    assert.equal(toXml(30930235), '<int>30930235</int>')
    assert.equal(toXml(true), '<boolean>true</boolean>')
    assert.equal(toJson('x'), '"x"')
    assert.equal(toJson(30930235), '30930235')
    assert.equal(toJson(true), 'true')
  })

  test('nested maps indent two spaces per level and an empty map is <hashtable/>', () => {
    assert.equal(toXml({ '1': { 'customer.customerid': '30930235' }, h: {} }),
      '<hashtable>\n  <entry>\n    <string>h</string>\n    <hashtable/>\n  </entry>\n  <entry>\n    <string>1</string>\n    <hashtable>\n' +
      '      <entry>\n        <string>customer.customerid</string>\n        <string>30930235</string>\n      </entry>\n    </hashtable>\n  </entry>\n</hashtable>')
    assert.equal(toXml({}), '<hashtable/>')
  })

  test('named keys come before numeric record keys, in JSON and XML alike', () => {
    assert.equal(toJson({ recsonpage: '1', recsindb: '1', '1': { a: 'b' } }), '{"recsonpage":"1","recsindb":"1","1":{"a":"b"}}')
    assert.equal(toJson({ '2': 'b', '1': 'a' }), '{"1":"a","2":"b"}')
  })

  test('text escapes follow XStream', () => {
    assert.equal(escapeXml('a&b<c>d"e\'f\rg\nh\ti'), 'a&amp;b&lt;c&gt;d&quot;e&apos;f&#xd;g\nh\ti')
    assert.equal(escapeXml('\u0001'), '&#x1;')
  })

  test('decimals render Java-double style and with three decimals for search', () => {
    assert.equal(javaDouble('0.000'), '0.0')
    assert.equal(javaDouble('125.500'), '125.5')
    assert.equal(javaDouble('8.990'), '8.99')
    assert.equal(javaDouble('10'), '10.0')
    assert.equal(threeDecimals('0'), '0.000')
    assert.equal(threeDecimals('12.5'), '12.500')
    assert.equal(threeDecimals('12.345'), '12.345')
  })
})
