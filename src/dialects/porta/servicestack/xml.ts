import { defaultOf, formatNumber, isValueType, type FieldType, type ObjectType } from './dto-types.ts'
import { isoUtc } from './scalars.ts'

// DataContract-style XML writer, spec/porta.md §7.4: inherited ContentId, FeatureName, License first
// on the root DTOs, then members in ordinal (code-unit) order; nulls as `i:nil="true"`.

const DTO_NS = 'http://schemas.datacontract.org/2004/07/PortaPlus2.API.Web.Dto'
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance'
const ARRAYS_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays'
const SERVICESTACK_NS = 'http://schemas.servicestack.net/types'
const INHERITED = ['ContentId', 'FeatureName', 'License']
const HEADER = '<?xml version="1.0" encoding="utf-8"?>'

/** Writes a root DTO (`Product`, `ProductResponse`) as a DataContract XML document. */
export function writeXml(value: Record<string, unknown>, type: ObjectType): string {
  const inherited = INHERITED.filter((n) => type.shape[n] !== undefined)
  const own = ordinal(type.fields.map((f) => f.name).filter((n) => !inherited.includes(n)))
  const body = [...inherited, ...own].map((n) => element(n, value[n], type.shape[n]!)).join('')
  return `${HEADER}<${type.name} xmlns="${DTO_NS}" xmlns:i="${XSI_NS}">${body}</${type.name}>`
}

/** §7.4 errors: `ErrorResponse` in the ServiceStack namespace; null members are left out. */
export function writeXmlError(status: { ErrorCode: string; Message: string; Errors: { ErrorCode: string; FieldName: string; Message: string }[] }): string {
  const errors = status.Errors.map((e) => `<ResponseError><ErrorCode>${text(e.ErrorCode)}</ErrorCode><FieldName>${text(e.FieldName)}</FieldName><Message>${text(e.Message)}</Message></ResponseError>`).join('')
  return `${HEADER}<ErrorResponse xmlns="${SERVICESTACK_NS}" xmlns:i="${XSI_NS}"><ResponseStatus><ErrorCode>${text(status.ErrorCode)}</ErrorCode>`
    + `<Message>${text(status.Message)}</Message><Errors>${errors}</Errors></ResponseStatus></ErrorResponse>`
}

function ordinal(names: string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function element(name: string, value: unknown, type: FieldType): string {
  if ((value === null || value === undefined) && !isValueType(type)) return `<${name} i:nil="true"/>`
  if (typeof type === 'object' && type.kind === 'list') {
    const items = value as unknown[]
    if (type.item === 'int') {
      return `<${name} xmlns:d2p1="${ARRAYS_NS}">${items.map((v) => `<d2p1:int>${formatNumber((v ?? 0) as number)}</d2p1:int>`).join('')}</${name}>`
    }
    const itemName = typeof type.item === 'object' && type.item.kind === 'object' ? type.item.name : 'string'
    return `<${name}>${items.map((v) => element(itemName, v, type.item)).join('')}</${name}>`
  }
  return `<${name}>${content(value ?? defaultOf(type), type)}</${name}>`
}

function content(value: unknown, type: FieldType): string {
  switch (type) {
    case 'string': return text(String(value))
    case 'int':
    case 'decimal': return formatNumber(value as number | string)
    case 'bool': return value ? 'true' : 'false'
    case 'datetime': return xmlDate(value as Date)
  }
  switch (type.kind) {
    case 'enum': return String(value)
    case 'list': return ''
    case 'object': {
      const obj = value as Record<string, unknown>
      return ordinal(type.fields.map((f) => f.name)).map((n) => element(n, obj[n], type.shape[n]!)).join('')
    }
  }
}

/** `yyyy-MM-ddTHH:mm:ss[.f…]Z`; MinValue is `0001-01-01T00:00:00` (unspecified kind, no `Z`). */
function xmlDate(d: Date): string {
  const iso = isoUtc(d)
  if (iso.startsWith('0001-01-01T00:00:00.000')) return '0001-01-01T00:00:00'
  const frac = iso.slice(20, 23).replace(/0+$/, '')
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`
}

function text(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
