import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { MIN_DATE_MS, type FieldType, type ObjectType } from '../../../../src/dialects/porta/servicestack/dto-types.ts'
import { Product, ProductResponse } from '../../../../src/dialects/porta/servicestack/dto.ts'
import { readJsv, writeJsv } from '../../../../src/dialects/porta/servicestack/jsv.ts'

// spec/porta.md §11 (issue 16 point 4): write → read of random DTOs is the identity, and the reader
// accepts what ServiceStack's own writer emits for the reference page's samples. Seeded, so a
// failure names its seed and replays.

const SEED = Number(process.env.JSV_PROPERTY_SEED ?? 20261207)
const RUNS = Number(process.env.JSV_PROPERTY_RUNS ?? 200)

/** Strings that stress §7.3 quoting: every special character, whitespace alone, unicode, empty. */
const jsvText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('"', ':', ',', '{', '}', '[', ']', '\r', '\n', ' ', '\t', 'a', 'é', '✓', '%', '/'), maxLength: 12 }),
  fc.constantFrom('', ' x ', '"1st', '2" x 1"', 'https://url.com', 'String', 'True', '0001-01-01', 'null'),
)

/** Decimals as the core holds money: at most 5 places, within ±10⁹. */
const decimal = fc.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 99_999 }))
  .map(([i, f]) => Number(`${i}.${String(f).padStart(5, '0')}`))

/** Instants JS can hold between .NET MinValue and 9999-12-31, millisecond precision. */
const dateTime = fc.oneof(
  fc.constant(new Date(MIN_DATE_MS)),
  fc.integer({ min: MIN_DATE_MS, max: 253_402_300_799_999 }).map((ms) => new Date(ms)),
  fc.integer({ min: -719_162, max: 2_932_896 }).map((days) => new Date(days * 86_400_000)),
)

/** A random value of `type`; reference types may be null (lists hold nulls only for reference items). */
function arbitraryOf(type: FieldType, depth = 0): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string': return fc.option(jsvText, { nil: null, freq: 5 })
    case 'int': return fc.integer({ min: -2_147_483_648, max: 2_147_483_647 })
    case 'decimal': return decimal
    case 'bool': return fc.boolean()
    case 'datetime': return dateTime
  }
  switch (type.kind) {
    case 'enum': return fc.constantFrom(...Object.keys(type.members))
    case 'list': return fc.option(fc.array(arbitraryOf(type.item, depth + 1), { maxLength: depth ? 2 : 3 }), { nil: null, freq: 4 })
    case 'object': {
      const record = fc.record(Object.fromEntries(type.fields.map((f) => [f.name, arbitraryOf(f.type, depth + 1)])))
      return depth === 0 ? record : fc.option(record, { nil: null, freq: 4 })
    }
  }
}

/**
 * A DTO as the reader returns it: null reference properties are left out (they are not written),
 * and a list whose only item is null is the empty list: §7.3 writes a null item as nothing, so
 * `[null]` is `[]` on the wire (ServiceStack's writer too); `[null,null]` is `[,]` and reads back.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 && value[0] === null ? [] : value.map(withoutNulls)
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]))
  }
  return value
}

describe('JSV property (spec/porta.md §11)', () => {
  for (const type of [ProductResponse, Product]) {
    test(`write → read of a random ${type.name} is the identity (seed ${SEED})`, () => {
      fc.assert(fc.property(arbitraryOf(type), (value) => {
        const text = writeJsv(value, type)
        const back = readJsv(text, type)
        assert.deepEqual(back.errors, [], text)
        assert.deepEqual(withoutNulls(back.value), withoutNulls(value), text)
        assert.equal(writeJsv(back.value, type), text)
      }), { seed: SEED, numRuns: RUNS })
    })
  }
})

// ─── The reference page's samples ───────────────────────────────────────────────────────────────

const page = readFileSync(new URL('./fixtures/porta-plus-web-services.txt', import.meta.url), 'utf8')

/** The two tab-indented JSV bodies of the page: the request (Product) and the reply (ProductResponse). */
function pageSamples(): [request: string, reply: string] {
  const bodies = page.split(/Content-Length: length\r?\n\r?\n/).slice(1).map((rest) => {
    const end = rest.search(/^\}\s*$/m)
    return rest.slice(0, end + 1)
  })
  assert.equal(bodies.length, 2)
  return [bodies[0]!, bodies[1]!]
}

/** §9's sample instance: strings `String`, numbers 0, bools false, dates MinValue, the first enum member, one item per list. */
function sampleInstance(type: FieldType): unknown {
  switch (type) {
    case 'string': return 'String'
    case 'int': case 'decimal': return 0
    case 'bool': return false
    case 'datetime': return new Date(MIN_DATE_MS)
  }
  switch (type.kind) {
    case 'enum': return Object.keys(type.members)[0]
    case 'list': return [sampleInstance(type.item)]
    case 'object': return Object.fromEntries(type.fields.map((f) => [f.name, sampleInstance(f.type)]))
  }
}

/** What the pretty-printed values read as: raw strings keep the space the pretty printer puts after `:` (§7.3: verbatim). */
function trimmedStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim()
  if (Array.isArray(value)) return value.map(trimmedStrings)
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmedStrings(v)]))
  return value
}

describe('JSV reader and ServiceStack\'s writer on the reference page\'s samples', () => {
  const cases: [string, ObjectType, string][] = [['request', Product, pageSamples()[0]], ['reply', ProductResponse, pageSamples()[1]]]
  for (const [name, type, pretty] of cases) {
    test(`the pretty-printed ${name} sample (${type.name}) reads without errors into the sample instance`, () => {
      const back = readJsv(pretty, type)
      assert.deepEqual(back.errors, [])
      assert.deepEqual(trimmedStrings(back.value), sampleInstance(type))
    })

    test(`ServiceStack's compact JSV of the ${name} sample reads into the sample instance, and our writer emits the same text`, () => {
      // ServiceStack's compact writer emits the sample without the pretty printer's whitespace (no
      // sample value holds whitespace or a character that needs quotes).
      const compact = pretty.replace(/\s+/g, '')
      const back = readJsv(compact, type)
      assert.deepEqual(back.errors, [])
      assert.deepEqual(back.value, sampleInstance(type))
      assert.equal(writeJsv(sampleInstance(type), type), compact)
    })
  }
})
