import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import type { FieldType, ObjectType } from '../../../../src/dialects/porta/servicestack/dto-types.ts'
import { Product, ProductResponse } from '../../../../src/dialects/porta/servicestack/dto.ts'

// The reference page's pretty-printed JSV samples (a copy of seeds/porta-plus-web-services.txt)
// fix every DTO's field names, order and placeholder types (spec/porta.md §2).
const page = readFileSync(new URL('./fixtures/porta-plus-web-services.txt', import.meta.url), 'utf8')

interface SampleNode { fields: [string, SampleNode | string][] }

/** Parses one tab-indented sample (`{`, `Name: value,`, `Name: ` + nested block, `}` / `]`). */
function parseSample(text: string): SampleNode {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  let i = 0
  function block(): SampleNode {
    const open = lines[i++]
    assert.ok(open === '{' || open === '[', `block opens with ${open}`)
    const node: SampleNode = { fields: [] }
    if (open === '[') {
      const item = lines[i] === '{' ? block() : lines[i++]!.replace(/,$/, '')
      node.fields.push(['[]', item])
      assert.match(lines[i++]!, /^\],?$/)
      return node
    }
    while (!/^\},?$/.test(lines[i]!)) {
      const m = /^(\w+):\s*(.*?),?$/.exec(lines[i++]!)!
      node.fields.push([m[1]!, m[2] === '' ? block() : m[2]!])
    }
    i++
    return node
  }
  return block()
}

function placeholderOf(type: FieldType): string {
  if (type === 'string') return 'String'
  if (type === 'int' || type === 'decimal') return '0'
  if (type === 'bool') return 'False'
  if (type === 'datetime') return '0001-01-01'
  if (type.kind === 'enum') return Object.keys(type.members)[0]!
  return 'nested'
}

function assertMatches(type: ObjectType, sample: SampleNode, path: string): void {
  assert.deepEqual(type.fields.map((f) => f.name), sample.fields.map(([n]) => n), `${path}: field names and order`)
  for (const f of type.fields) {
    const s = sample.fields.find(([n]) => n === f.name)![1]
    if (typeof f.type === 'object' && f.type.kind === 'list') {
      const item = (s as SampleNode).fields[0]![1]
      if (typeof f.type.item === 'object' && f.type.item.kind === 'object') assertMatches(f.type.item, item as SampleNode, `${path}.${f.name}[]`)
      else assert.equal(item, placeholderOf(f.type.item), `${path}.${f.name}[]`)
    } else if (typeof f.type === 'object' && f.type.kind === 'object') {
      assertMatches(f.type, s as SampleNode, `${path}.${f.name}`)
    } else {
      assert.equal(s, placeholderOf(f.type), `${path}.${f.name}`)
    }
  }
}

describe('DTO declarations', () => {
  const samples = page.split('Content-Length: length').slice(1).map((chunk) => chunk.slice(0, chunk.indexOf('\n}') + 2).trim())

  test('Product has exactly the fields of the reference request sample, in order', () => {
    assertMatches(Product, parseSample(samples[0]!), 'Product')
  })

  test('ProductResponse and every nested type match the reference response sample, in order', () => {
    assertMatches(ProductResponse, parseSample(samples[1]!), 'ProductResponse')
  })
})
