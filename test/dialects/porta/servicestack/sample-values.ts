import type { FieldType, ObjectType } from '../../../../src/dialects/porta/servicestack/dto-types.ts'
import { ProductResponse } from '../../../../src/dialects/porta/servicestack/dto.ts'

// Deterministic fully populated DTO values (no nulls, tricky strings) for round-trip tests.

const STRINGS = ['plain', 'Me, Junior', '2" x 1"', '"1st', 'https://url.com', 'a{b}', '[x]', 'A\nB', ' x ', '', 'ünïcødé ✓', 'four%']

export function populate(type: FieldType, seed = 1): unknown {
  switch (type) {
    case 'string': return STRINGS[seed % STRINGS.length]
    case 'int': return (seed * 7919) % 100000 - 500
    case 'decimal': return [9.99, 0, 12.5, -3.25, 100][seed % 5]
    case 'bool': return seed % 2 === 0
    case 'datetime': return new Date(Date.UTC(2024, seed % 12, 1 + (seed % 27), seed % 24, seed % 60, seed % 60, (seed * 37) % 1000))
  }
  switch (type.kind) {
    case 'enum': { const names = Object.keys(type.members); return names[seed % names.length] }
    case 'list': return [populate(type.item, seed + 1), populate(type.item, seed + 2)]
    case 'object': return populateObject(type, seed)
  }
}

export function populateObject(type: ObjectType, seed = 1): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  type.fields.forEach((f, i) => { out[f.name] = populate(f.type, seed + i) })
  return out
}

export function fullProductResponse(): Record<string, unknown> {
  return populateObject(ProductResponse, 3)
}
