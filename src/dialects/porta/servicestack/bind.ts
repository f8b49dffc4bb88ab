import { defaultOf, fieldOf, isValueType, type Field, type FieldType, type ObjectType } from './dto-types.ts'
import { ProductBinding, type ProductRequest } from './dto.ts'
import { bindingFault } from './fault.ts'
import { parseJsv, parseScalar, typeJsv, type ConversionError } from './jsv.ts'
import { readJsonBody } from './json-reader.ts'
import type { QueryValues } from './request-url.ts'

// Request binding, spec/porta.md §6: body < path variables < query string < form fields; names
// ignore case, unknown names are ignored; every path/query/form value is a JSV scalar of the field's
// type. Any value that cannot be converted → 400 SerializationException naming each field.

export interface BoundRequest {
  dto: ProductRequest
  /** `{TenantID}`: a route variable that is not a DTO field (§3). */
  tenantId: number
}

export interface BindingSources {
  /** An already typed body (JSON/JSV/XML readers), lowest precedence. */
  body?: Record<string, unknown> | null
  /** Route variables by their route name (`{ToDate}` binds `toDate`). */
  path: Record<string, string>
  query: QueryValues
  /** Form fields (urlencoded / multipart bodies), highest precedence. */
  form?: QueryValues | null
}

/** Binds the Product DTO (and TenantID) from the request's sources; throws the §6 binding fault. */
export function bindProduct(src: BindingSources): BoundRequest {
  const bound: Record<string, unknown> = src.body ? { ...src.body } : {}
  const errors: ConversionError[] = []
  for (const name in src.path) bindInto(bound, name, src.path[name]!, errors)
  for (const { name, value } of src.query.values()) bindInto(bound, name, value, errors)
  if (src.form) for (const { name, value } of src.form.values()) bindInto(bound, name, value, errors)
  if (errors.length) throw bindingFault(dedupe(errors))
  const tenantId = bound.TenantID
  if (tenantId !== undefined) delete bound.TenantID
  return { dto: bound as ProductRequest, tenantId: typeof tenantId === 'number' ? tenantId : 0 }
}

// A module function, not a closure per request: binding runs on every Porta call.
function bindInto(bound: Record<string, unknown>, name: string, text: string, errors: ConversionError[]): void {
  const f = fieldOf(ProductBinding, name)
  if (f) bound[f.name] = bindText(f, text, errors)
}

/** One path/query/form value as a JSV scalar of the field's type. */
export function bindText(f: Field, text: string, errors: ConversionError[]): unknown {
  return convertText(f.type, text, f.name, errors)
}

function convertText(type: FieldType, text: string, field: string, errors: ConversionError[]): unknown {
  if (type === 'string') {
    if (text === '') return null
    if (text.startsWith('"')) {
      try {
        const node = parseJsv(text)
        if (node.t === 'quoted') return node.value
      } catch {
        // not one well-formed quoted value: the text is taken verbatim
      }
    }
    return text
  }
  if (typeof type === 'object' && (type.kind === 'list' || type.kind === 'object')) {
    if (text.trim() === '') return null
    try {
      const node = parseJsv(type.kind === 'list' && !text.trimStart().startsWith('[') ? `[${text}]` : text)
      return typeJsv(node, type, field, errors)
    } catch {
      errors.push({ field, value: text })
      return null
    }
  }
  const v = parseScalar(text, type)
  if (v === undefined) {
    errors.push({ field, value: text })
    return isValueType(type) ? defaultOf(type) : null
  }
  return v
}

function dedupe(errors: ConversionError[]): ConversionError[] {
  const seen = new Set<string>()
  return errors.filter((e) => (seen.has(e.field) ? false : (seen.add(e.field), true)))
}

/** Reads a request body of a supported kind into a typed DTO object (§6 step 1). */
export function readBody(kind: 'json' | 'jsv', text: string, type: ObjectType = ProductBinding): Record<string, unknown> {
  if (text.trim() === '') return {}
  if (kind === 'json') return readJsonBody(text, type)
  const errors: ConversionError[] = []
  let node
  try {
    node = parseJsv(text)
  } catch {
    throw bindingFault([])
  }
  if (node.t !== 'object') throw bindingFault([])
  const value = typeJsv(node, type, '', errors) as Record<string, unknown>
  if (errors.length) throw bindingFault(dedupe(errors))
  return value
}
