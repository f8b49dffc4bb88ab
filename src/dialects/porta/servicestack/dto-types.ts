/**
 * The DTO type system of the Porta dialect (spec/porta.md §2): DTOs are declared as data (field
 * name → type, in declared order) and that data drives every writer and reader (JSON, JSV, XML,
 * CSV, binding). TypeScript types of values are inferred from the declarations.
 */

export type ScalarType = 'string' | 'int' | 'decimal' | 'bool' | 'datetime'

export interface EnumType<M extends string = string> {
  readonly kind: 'enum'
  readonly name: string
  /** Member name → numeric value, in declared order (the first is the default). */
  readonly members: Readonly<Record<M, number>>
}

export interface ListType<I extends FieldType = FieldType> {
  readonly kind: 'list'
  readonly item: I
}

export interface ObjectType<S extends Shape = Shape> {
  readonly kind: 'object'
  /** The type name (XML element name of list items, TypeScript class name). */
  readonly name: string
  readonly shape: S
  /** `shape` as an ordered list. */
  readonly fields: readonly Field[]
}

export type FieldType = ScalarType | EnumType | ListType | ObjectType
export type Shape = { readonly [name: string]: FieldType }
export interface Field {
  readonly name: string
  readonly type: FieldType
  /** Lower-cased name, for the case-insensitive readers. */
  readonly key: string
}

/** The JS value of a field type: reference types may be null/absent; value types have defaults. */
export type ValueOf<T> =
  T extends 'string' ? string | null
  : T extends 'int' ? number
  : T extends 'decimal' ? number | string
  : T extends 'bool' ? boolean
  : T extends 'datetime' ? Date
  : T extends EnumType<infer M> ? M
  : T extends ListType<infer I> ? ValueOf<I>[] | null
  : T extends ObjectType<infer S> ? DtoValue<S> | null
  : never

/** A DTO instance: every property optional (absent reference = null, absent value type = default). */
export type DtoValue<S extends Shape> = { -readonly [K in keyof S]?: ValueOf<S[K]> }

/** Declares a DTO: the key order of `shape` is the declared property order. */
export function object<const S extends Shape>(name: string, shape: S): ObjectType<S> {
  const fields = Object.entries(shape).map(([n, type]) => ({ name: n, type, key: n.toLowerCase() }))
  return { kind: 'object', name, shape, fields }
}

export function list<const I extends FieldType>(item: I): ListType<I> {
  return { kind: 'list', item }
}

export function enumeration<const M extends string>(name: string, members: Record<M, number>): EnumType<M> {
  return { kind: 'enum', name, members }
}

/** .NET DateTime.MinValue (0001-01-01T00:00:00Z): "unset". */
export const MIN_DATE_MS = -62135596800000
export function minDate(): Date {
  return new Date(MIN_DATE_MS)
}

/** Value types are always written; their default when absent (§2). */
export function defaultOf(type: FieldType): unknown {
  if (type === 'int' || type === 'decimal') return 0
  if (type === 'bool') return false
  if (type === 'datetime') return minDate()
  if (typeof type === 'object' && type.kind === 'enum') return Object.keys(type.members)[0]
  return null
}

export function isValueType(type: FieldType): boolean {
  return type === 'int' || type === 'decimal' || type === 'bool' || type === 'datetime' || (typeof type === 'object' && type.kind === 'enum')
}

/** The field of `type` named `name` ignoring case. */
export function fieldOf(type: ObjectType, name: string): Field | undefined {
  let index = fieldIndexes.get(type)
  if (!index) {
    index = new Map(type.fields.map((f) => [f.key, f]))
    fieldIndexes.set(type, index)
  }
  return index.get(name.toLowerCase())
}
const fieldIndexes = new WeakMap<ObjectType, Map<string, Field>>()

/** Invariant shortest decimal text without exponent (`9.99`, `0`, `-5`, `0.0000001`). */
export function formatNumber(value: number | string): string {
  if (typeof value === 'string') return normalizeDecimalText(value)
  // Ids and counters: safe integers print the same invariant and shortest way (and -0 as 0).
  if (Number.isSafeInteger(value)) return value === 0 ? '0' : String(value)
  if (!Number.isFinite(value)) return '0'
  if (Object.is(value, -0)) return '0'
  const s = String(value)
  if (!/e/i.test(s)) return s
  return normalizeDecimalText(expandExponent(s))
}

function normalizeDecimalText(s: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s.trim())
  if (!m) return s.trim()
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0'
  const frac = (m[3] ?? '').replace(/0+$/, '')
  const text = frac ? `${int}.${frac}` : int
  return m[1] === '-' && text !== '0' ? `-${text}` : text
}

function expandExponent(s: string): string {
  const [mant, expText] = s.toLowerCase().split('e')
  const exp = Number(expText)
  const neg = mant!.startsWith('-')
  const [i, f = ''] = mant!.replace(/^[+-]/, '').split('.')
  const digits = i! + f
  const point = i!.length + exp
  let out: string
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length)
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`
  return (neg ? '-' : '') + out
}
