import { defaultOf, formatNumber, isValueType, type FieldType } from './dto-types.ts'
import { formatJsonDate } from './scalars.ts'

// JSON writer, spec/porta.md §7.2: declared order, null properties omitted, value-type defaults
// written, enums by name, numbers invariant and shortest, `\/Date(ms-0000)\/`, no whitespace,
// `/` and non-ASCII not escaped (JSON.stringify escapes neither).

/** Writes `value` of `type` as compact JSON text. */
export function writeJson(value: unknown, type: FieldType): string {
  if (value === null || value === undefined) {
    return isValueType(type) ? writeJson(defaultOf(type), type) : 'null'
  }
  switch (type) {
    case 'string': return JSON.stringify(String(value))
    case 'int':
    case 'decimal': return formatNumber(value as number | string)
    case 'bool': return value ? 'true' : 'false'
    case 'datetime': return `"${formatJsonDate(value as Date)}"`
  }
  switch (type.kind) {
    case 'enum': return JSON.stringify(String(value))
    case 'list': return `[${(value as unknown[]).map((item) => writeJson(item, type.item)).join(',')}]`
    case 'object': {
      const obj = value as Record<string, unknown>
      let out = '{'
      let first = true
      for (const f of type.fields) {
        const v = obj[f.name]
        if ((v === null || v === undefined) && !isValueType(f.type)) continue
        out += `${first ? '' : ','}"${f.name}":${writeJson(v, f.type)}`
        first = false
      }
      return `${out}}`
    }
  }
}
