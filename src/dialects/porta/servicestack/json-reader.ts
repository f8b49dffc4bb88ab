import { defaultOf, fieldOf, isValueType, type FieldType, type ObjectType } from './dto-types.ts'
import { bindingFault } from './fault.ts'
import { parseScalar } from './jsv.ts'
import type { ConversionError } from './jsv.ts'

// JSON request bodies, spec/porta.md §6: names ignore case, unknown names ignored, numbers and
// booleans also accepted as strings, dates as `\/Date(ms[±hhmm])\/` or ISO 8601.

/** Reads a JSON object body as a DTO of `type`; throws the §6 binding fault. */
export function readJsonBody(text: string, type: ObjectType): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw bindingFault([])
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw bindingFault([])
  const errors: ConversionError[] = []
  const value = convertObject(parsed as Record<string, unknown>, type, '', errors)
  if (errors.length) throw bindingFault(errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i))
  return value
}

function convertObject(obj: Record<string, unknown>, type: ObjectType, field: string, errors: ConversionError[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(obj)) {
    const f = fieldOf(type, key)
    if (f) out[f.name] = convert(v, f.type, field || f.name, errors)
  }
  return out
}

function convert(v: unknown, type: FieldType, field: string, errors: ConversionError[]): unknown {
  if (v === null || v === undefined) return isValueType(type) ? defaultOf(type) : null
  if (typeof type === 'object' && type.kind === 'list') {
    if (Array.isArray(v)) return v.map((item) => convert(item, type.item, field, errors))
    return fail(v, type, field, errors)
  }
  if (typeof type === 'object' && type.kind === 'object') {
    if (typeof v === 'object' && !Array.isArray(v)) return convertObject(v as Record<string, unknown>, type, field, errors)
    return fail(v, type, field, errors)
  }
  if (type === 'string') return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : fail(v, type, field, errors)
  if (type === 'bool' && typeof v === 'boolean') return v
  if ((type === 'int' || type === 'decimal') && typeof v === 'number') {
    const r = parseScalar(String(v), type)
    return r === undefined ? fail(v, type, field, errors) : r
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return fail(v, type, field, errors)
  const r = parseScalar(String(v), type)
  return r === undefined ? fail(v, type, field, errors) : r
}

function fail(v: unknown, type: FieldType, field: string, errors: ConversionError[]): unknown {
  errors.push({ field, value: typeof v === 'string' ? v : JSON.stringify(v) })
  return defaultOf(type)
}
