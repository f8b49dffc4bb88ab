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
 * field of every DTO (measured on GetAccountInfoByIAccount, a 70-field reply). Names come from the
 * DTO declarations, never from input, and are embedded as JSON string literals.
 */
function generateObjectWriter(type: ObjectType): Writer {
  const writers = type.fields.map((f) => writerOf(f.type))
  const keys = type.fields.map((f) => `${JSON.stringify(f.name)}:`)
  const lines = type.fields.map((f, i) => {
    const read = `x = o[${JSON.stringify(f.name)}]`
    const write = `out += (out === '' ? K[${i}] : ',' + K[${i}]) + W[${i}](x)`
    return isValueType(f.type) ? `${read}; ${write}` : `${read}; if (x !== null && x !== undefined) ${write}`
  })
  const body = `return function writeObject(o) {
    if (o === null || o === undefined) return 'null'
    let out = ''
    let x
    ${lines.join('\n    ')}
    return '{' + out + '}'
  }`
  return new Function('W', 'K', body)(writers, keys) as Writer
}
