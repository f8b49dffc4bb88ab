import { PORTA_ROUTES } from './operations.ts'
import type { Format } from './servicestack/index.ts'
import { isValueType, minDate, type FieldType, type ObjectType } from './servicestack/dto-types.ts'
import { Product, ProductResponse } from './servicestack/dto.ts'
import { writeCsv } from './servicestack/csv.ts'
import { writeJson } from './servicestack/json.ts'
import { writeXml } from './servicestack/xml.ts'
import { formatJsvDate } from './servicestack/scalars.ts'

// spec/porta.md §9: the metadata pages. `/metadata` lists the one operation `Product`;
// `/{fmt}/metadata?op=Product` lists the §3 routes in reference-page order and a sample request and
// response in that format (JSV: the reference page's tab-indented samples, rebuilt from the DTO
// declarations; the others: the sample instance by the format's writer, pretty-printed).

const TITLE = 'Porta Plus 2 Web Services'
const CONTENT_TYPES: Record<Format, string> = { json: 'application/json', xml: 'application/xml', jsv: 'text/jsv', csv: 'text/csv' }
const LABELS: Record<Format, string> = { json: 'JSON', xml: 'XML', jsv: 'JSV', csv: 'CSV' }

function escapeHtml(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')
}

/** The sample instance of a type (§9): strings `String`, numbers 0, bools false, dates MinValue, the first enum member, one item per list. */
export function sampleOf(type: FieldType): unknown {
  if (type === 'string') return 'String'
  if (isValueType(type)) {
    if (type === 'datetime') return minDate()
    if (type === 'bool') return false
    if (type === 'int' || type === 'decimal') return 0
    return Object.keys((type as { members: Record<string, number> }).members)[0]
  }
  const t = type as Exclude<FieldType, string>
  if (t.kind === 'list') return [sampleOf(t.item)]
  if (t.kind === 'object') return Object.fromEntries(t.fields.map((f) => [f.name, sampleOf(f.type)]))
  return null
}

/** The reference page's pretty JSV (tab-indented, `Key: value`, complex values on their own lines). */
export function prettyJsv(value: unknown, type: FieldType, level = 0): string {
  const ind = (n: number) => '\t'.repeat(n)
  if (typeof type === 'object' && type.kind === 'object') {
    const v = value as Record<string, unknown>
    const lines = type.fields.map((f) => {
      const complex = typeof f.type === 'object' && (f.type.kind === 'object' || f.type.kind === 'list')
      return complex ? `${ind(level + 1)}${f.name}: \n${ind(level + 1)}${prettyJsv(v[f.name], f.type, level + 1)}` : `${ind(level + 1)}${f.name}: ${prettyJsv(v[f.name], f.type, level + 1)}`
    })
    return `{\n${lines.join(',\n')}\n${ind(level)}}`
  }
  if (typeof type === 'object' && type.kind === 'list') {
    const items = (value as unknown[]).map((item) => `${ind(level + 1)}${prettyJsv(item, type.item, level + 1)}`)
    return `[\n${items.join(',\n')}\n${ind(level)}]`
  }
  if (value instanceof Date) return formatJsvDate(value)
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return String(value)
}

function prettyXml(xml: string): string {
  let depth = 0
  return xml.replace(/></g, '>\n<').split('\n').map((line) => {
    if (line.startsWith('</')) depth--
    const out = `${'  '.repeat(Math.max(depth, 0))}${line}`
    if (line.startsWith('<') && !line.startsWith('</') && !line.startsWith('<?') && !line.endsWith('/>') && !line.includes('</')) depth++
    return out
  }).join('\n')
}

function sampleBody(format: Format, type: ObjectType): string {
  const value = sampleOf(type) as Record<string, unknown>
  switch (format) {
    case 'jsv': return prettyJsv(value, type)
    case 'json': return JSON.stringify(JSON.parse(writeJson(value, type)), null, 2)
    case 'xml': return prettyXml(writeXml(value, type))
    case 'csv': return writeCsv(value, type)
  }
}

function page(body: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n<h1>${TITLE}</h1>\n${body}\n</body></html>\n`
}

/** `GET /metadata`: the operation index. */
export function metadataIndex(prefix: string): string {
  const links = (['json', 'xml', 'jsv', 'csv'] as const).map((f) => `<a href="${prefix}/${f}/metadata?op=Product">${LABELS[f]}</a>`).join(' ')
  return page(`<p>The following operations are supported.</p>\n<table><tr><th>Product</th><td>${links}</td></tr></table>`)
}

/** `GET /{fmt}/metadata?op=Product`. */
export function operationPage(prefix: string, format: Format, host: string): string {
  const rows = PORTA_ROUTES.map((r) => `<tr><th>${r.verb}</th><td>${escapeHtml(r.path.replace(/:(\w+)/g, '{$1}'))}</td></tr>`).join('\n')
  const type = CONTENT_TYPES[format]
  const request = `POST ${prefix}/${format}/reply/Product HTTP/1.1\nHost: ${host}\nContent-Type: ${type}\nContent-Length: length\n\n${sampleBody(format, Product)}`
  const response = `HTTP/1.1 200 OK\nContent-Type: ${type}\nContent-Length: length\n\n${sampleBody(format, ProductResponse)}`
  return page([
    `<p><a href="${prefix}/metadata">&lt;back to all web services</a></p>`,
    '<h2>Product</h2>',
    '<p>The following routes are available for this service:</p>',
    `<table>\n${rows}\n</table>`,
    `<p>To override the Content-type in your clients HTTP Accept Header, append the .${format} suffix or ?format=${format}</p>`,
    ...(format === 'json' ? ['<p>To embed the response in a jsonp callback, append ?callback=myCallback</p>'] : []),
    `<h3>HTTP + ${LABELS[format]}</h3>`,
    '<p>The following are sample HTTP requests and responses. The placeholders shown need to be replaced with actual values.</p>',
    `<pre>${escapeHtml(request)}</pre>`,
    `<pre>${escapeHtml(response)}</pre>`,
  ].join('\n'))
}
