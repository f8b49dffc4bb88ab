import { defaultOf, formatNumber, isValueType, type FieldType, type ObjectType } from './dto-types.ts'
import { formatJsonDate } from './scalars.ts'

// JSON writer, spec/porta.md §7.2: declared order, null properties omitted, value-type defaults
// written, enums by name, numbers invariant and shortest, `\/Date(ms-0000)\/`, no whitespace,
// `/` and non-ASCII not escaped (JSON.stringify escapes neither).
//
// Each DTO type is compiled once into a writer function (field names quoted, nullability and the
// field writers resolved), so a reply costs only the values' formatting.

type Writer = (value: unknown) => string

/** Writes `value` of `type` as compact JSON text. */
export function writeJson(value: unknown, type: FieldType): string {
  return writerOf(type)(value)
}

const quoted = (value: unknown) => JSON.stringify(String(value))

const SCALARS: Record<Exclude<FieldType, object>, Writer> = {
  string: (v) => (v === null || v === undefined ? 'null' : quoted(v)),
  int: (v) => formatNumber(v === null || v === undefined ? 0 : (v as number | string)),
  decimal: (v) => formatNumber(v === null || v === undefined ? 0 : (v as number | string)),
  bool: (v) => (v === null || v === undefined || !v ? 'false' : 'true'),
  datetime: (v) => `"${formatJsonDate(v === null || v === undefined ? (defaultOf('datetime') as Date) : (v as Date))}"`,
}

const compiled = new WeakMap<object, Writer>()

function writerOf(type: FieldType): Writer {
  if (typeof type === 'string') return SCALARS[type]
  let w = compiled.get(type)
  if (!w) {
    w = compile(type)
    compiled.set(type, w)
  }
  return w
}

function compile(type: Exclude<FieldType, string>): Writer {
  switch (type.kind) {
    case 'enum': {
      const fallback = quoted(defaultOf(type))
      return (v) => (v === null || v === undefined ? fallback : quoted(v))
    }
    case 'list': {
      let item: Writer | undefined
      return (v) => {
        if (v === null || v === undefined) return 'null'
        item ??= writerOf(type.item)
        let out = ''
        for (const x of v as unknown[]) out += out ? `,${item(x)}` : item(x)
        return `[${out}]`
      }
    }
    case 'object': return compileObject(type)
  }
}

function compileObject(type: ObjectType): Writer {
  // Generated on first use, when the field writers can be looked up (a DTO may contain itself).
  let generated: Writer | undefined
  return (v) => (generated ??= generateObjectWriter(type))(v)
}

/**
 * An object writer generated from the DTO's declared fields: each field is read by a constant
 * name, so property loads stay monomorphic per DTO instead of one generic keyed load for every
 * field of every DTO (measured on GetAccountInfoByIAccount, a 70-field reply). Strings, booleans
 * and small integers are formatted inline (a call through the writer table for each of 70 fields
 * cost more than the formatting); the comma before a field is unconditional once a value-type
 * field (always written) precedes it. Names come from the DTO declarations, never from input, and
 * are embedded as JSON string literals.
 */
function generateObjectWriter(type: ObjectType): Writer {
  const writers = type.fields.map((f) => writerOf(f.type))
  let written = false
  const lines = type.fields.map((f, i) => {
    const key = JSON.stringify(f.name)
    const prefix = written ? JSON.stringify(`,${key}:`) : `(out === '' ? ${JSON.stringify(`${key}:`)} : ${JSON.stringify(`,${key}:`)})`
    const value = inlineValue(f.type, i)
    const read = `x = o[${key}]`
    if (isValueType(f.type)) {
      written = true
      return `${read}; out += ${prefix} + ${value}`
    }
    return `${read}; if (x !== null && x !== undefined) out += ${prefix} + ${value}`
  })
  const body = `return function writeObject(o) {
    if (o === null || o === undefined) return 'null'
    let out = ''
    let x
    ${lines.join('\n    ')}
    return '{' + out + '}'
  }`
  return new Function('W', body)(writers) as Writer
}

/** The expression writing `x` of `type` (field `i`): common cases inline, the rest through W[i]. */
function inlineValue(type: FieldType, i: number): string {
  switch (type) {
    case 'string': return `(typeof x === 'string' ? JSON.stringify(x) : W[${i}](x))`
    case 'bool': return `(x ? 'true' : 'false')`
    // Safe 32-bit integers other than 0 (and -0) print as String does; the rest are normalized.
    case 'int': return `(typeof x === 'number' && (x | 0) === x && x !== 0 ? '' + x : W[${i}](x))`
    default: return `W[${i}](x)`
  }
}
