import { defaultOf, fieldOf, formatNumber, isValueType, type FieldType, type ObjectType } from './dto-types.ts'
import { formatJsvDate, parseBool, parseDateTime, parseDecimal, parseEnum, parseInt32 } from './scalars.ts'

// JSV (ServiceStack's JSON-and-CSV-like text format), spec/porta.md §7.3: a writer that follows the
// writer table exactly and a reader that accepts the grammar with the leniencies listed there.

// ─── Writer ────────────────────────────────────────────────────────────────────────────────────

const NEEDS_QUOTES = /[":,{}[\]\r\n]/

/** §7.3 strings: raw unless they contain `" : , { } [ ]` CR or LF; then quoted with `"` doubled. */
export function jsvString(s: string): string {
  if (s === '') return '""'
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** Writes `value` of `type` as compact JSV; null/undefined reference values write nothing. */
export function writeJsv(value: unknown, type: FieldType): string {
  if (value === null || value === undefined) {
    return isValueType(type) ? writeJsv(defaultOf(type), type) : ''
  }
  switch (type) {
    case 'string': return jsvString(String(value))
    case 'int':
    case 'decimal': return formatNumber(value as number | string)
    case 'bool': return value ? 'True' : 'False'
    case 'datetime': return formatJsvDate(value as Date)
  }
  switch (type.kind) {
    case 'enum': return String(value)
    case 'list': return `[${(value as unknown[]).map((item) => writeJsv(item, type.item)).join(',')}]`
    case 'object': {
      const obj = value as Record<string, unknown>
      const parts: string[] = []
      for (const f of type.fields) {
        const v = obj[f.name]
        if ((v === null || v === undefined) && !isValueType(f.type)) continue
        parts.push(`${f.name}:${writeJsv(v, f.type)}`)
      }
      return `{${parts.join(',')}}`
    }
  }
}

// ─── Reader ────────────────────────────────────────────────────────────────────────────────────

/** A parsed JSV value before typing: `text` is its source (raw values verbatim). */
export type JsvNode =
  | { t: 'raw'; text: string }
  | { t: 'quoted'; text: string; value: string }
  | { t: 'object'; text: string; entries: [key: string, value: JsvNode][] }
  | { t: 'list'; text: string; items: JsvNode[] }

export class JsvSyntaxError extends Error {}

const WS = /\s/

/** Parses one JSV value (the whole text). Throws JsvSyntaxError on malformed structure. */
export function parseJsv(text: string): JsvNode {
  const p = new Parser(text)
  const node = p.value(null)
  p.skipWs()
  if (p.i < text.length) throw new JsvSyntaxError(`unexpected text at ${p.i}`)
  return node
}

class Parser {
  i = 0
  constructor(readonly s: string) {}

  skipWs(): void {
    while (this.i < this.s.length && WS.test(this.s[this.i]!)) this.i++
  }

  /** One value; `close` is the closing bracket of the current level (null at top level). */
  value(close: '}' | ']' | null): JsvNode {
    let j = this.i
    while (j < this.s.length && WS.test(this.s[j]!)) j++
    const c = this.s[j]
    if (c === '{' || c === '[' || c === '"') {
      this.i = j
      const node = c === '{' ? this.object() : c === '[' ? this.list() : this.quoted()
      this.skipWs()
      return node
    }
    // Raw: up to the next `,` or the closing bracket of this level (verbatim, whitespace kept).
    const start = this.i
    if (close === null) {
      this.i = this.s.length
    } else {
      while (this.i < this.s.length && this.s[this.i] !== ',' && this.s[this.i] !== close) this.i++
    }
    return { t: 'raw', text: this.s.slice(start, this.i) }
  }

  quoted(): JsvNode {
    const start = this.i
    this.i++
    let out = ''
    for (;;) {
      const k = this.s.indexOf('"', this.i)
      if (k < 0) throw new JsvSyntaxError('unterminated quoted string')
      out += this.s.slice(this.i, k)
      if (this.s[k + 1] === '"') {
        out += '"'
        this.i = k + 2
        continue
      }
      this.i = k + 1
      return { t: 'quoted', text: this.s.slice(start, this.i), value: out }
    }
  }

  object(): JsvNode {
    const start = this.i
    this.i++
    const entries: [string, JsvNode][] = []
    this.skipWs()
    if (this.s[this.i] === '}') {
      this.i++
      return { t: 'object', text: this.s.slice(start, this.i), entries }
    }
    for (;;) {
      this.skipWs()
      let key: string
      if (this.s[this.i] === '"') {
        const q = this.quoted() as { value: string }
        key = q.value
        this.skipWs()
      } else {
        const k = this.i
        while (this.i < this.s.length && !':,}'.includes(this.s[this.i]!)) this.i++
        key = this.s.slice(k, this.i).trim()
      }
      if (this.s[this.i] !== ':') throw new JsvSyntaxError(`expected ':' after key at ${this.i}`)
      this.i++
      entries.push([key, this.value('}')])
      const c = this.s[this.i]
      if (c === ',') { this.i++; continue }
      if (c === '}') { this.i++; return { t: 'object', text: this.s.slice(start, this.i), entries } }
      throw new JsvSyntaxError(`expected ',' or '}' at ${this.i}`)
    }
  }

  list(): JsvNode {
    const start = this.i
    this.i++
    const items: JsvNode[] = []
    this.skipWs()
    if (this.s[this.i] === ']') {
      this.i++
      return { t: 'list', text: this.s.slice(start, this.i), items }
    }
    for (;;) {
      items.push(this.value(']'))
      const c = this.s[this.i]
      if (c === ',') { this.i++; continue }
      if (c === ']') { this.i++; return { t: 'list', text: this.s.slice(start, this.i), items } }
      throw new JsvSyntaxError(`expected ',' or ']' at ${this.i}`)
    }
  }
}

/** A value that could not be converted: `field` is the top-level DTO field, `value` the source text. */
export interface ConversionError {
  field: string
  value: string
}

/**
 * Types a parsed node. Unknown keys are skipped; keys match ignoring case; empty raw → null/default;
 * raw strings verbatim, raw non-strings trimmed. Conversion failures are pushed to `errors` under
 * `field` (the top-level DTO field) and yield the default.
 */
export function typeJsv(node: JsvNode, type: FieldType, field: string, errors: ConversionError[]): unknown {
  if (node.t === 'raw' && node.text === '') return isValueType(type) ? defaultOf(type) : null
  if (type === 'string') return node.t === 'quoted' ? node.value : node.text
  if (typeof type === 'object' && type.kind === 'list') {
    const items = node.t === 'list' ? node.items : node.t === 'raw' ? parseJsvListItems(node.text) : null
    if (!items) return fail(node, type, field, errors)
    return items.map((item) => typeJsv(item, type.item, field, errors))
  }
  if (typeof type === 'object' && type.kind === 'object') {
    if (node.t !== 'object') return fail(node, type, field, errors)
    const out: Record<string, unknown> = {}
    for (const [key, child] of node.entries) {
      const f = fieldOf(type, key)
      if (f) out[f.name] = typeJsv(child, f.type, field || f.name, errors)
    }
    return out
  }
  if (node.t === 'object' || node.t === 'list') return fail(node, type, field, errors)
  const text = node.t === 'quoted' ? node.value : node.text
  const v = parseScalar(text, type)
  return v === undefined ? fail(node, type, field, errors) : v
}

/** A bare `1,2` list (path/query binding, raw list values): the items of `[1,2]`. */
function parseJsvListItems(text: string): JsvNode[] | null {
  try {
    const node = parseJsv(`[${text}]`)
    return node.t === 'list' ? node.items : null
  } catch {
    return null
  }
}

function fail(node: JsvNode, type: FieldType, field: string, errors: ConversionError[]): unknown {
  errors.push({ field, value: node.t === 'quoted' ? node.value : node.text })
  return defaultOf(type)
}

/** A scalar of `type` from its text, or undefined when it is not one (empty → the default). */
export function parseScalar(text: string, type: FieldType): unknown {
  if (type === 'string') return text
  if (text.trim() === '') return defaultOf(type)
  switch (type) {
    case 'int': return parseInt32(text)
    case 'decimal': return parseDecimal(text)
    case 'bool': return parseBool(text)
    case 'datetime': return parseDateTime(text)
  }
  if (type.kind === 'enum') return parseEnum(text, type)
  return undefined
}

/** Reads a JSV object of `type` (a request body); throws JsvSyntaxError when the text is not one. */
export function readJsv<T = Record<string, unknown>>(text: string, type: ObjectType): { value: T; errors: ConversionError[] } {
  const node = parseJsv(text)
  const errors: ConversionError[] = []
  if (node.t !== 'object') throw new JsvSyntaxError('expected an object')
  return { value: typeJsv(node, type, '', errors) as T, errors }
}
