import { defaultOf, fieldOf, isValueType, type ObjectType } from './dto-types.ts'
import { ProductBinding } from './dto.ts'
import { bindingFault } from './fault.ts'
import { parseScalar, type ConversionError } from './jsv.ts'

// XML request bodies, spec/porta.md §6/§7.4: a DataContract `Product` document; namespaces and
// element order are ignored, names ignore case, `i:nil="true"` is null; list members (LstIAccounts)
// are the child elements of their list element. Only the flat request DTO is read: its members are
// scalars or lists of scalars.

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : ENTITIES[e]!)
}

interface XmlElement {
  name: string
  nil: boolean
  text: string
  children: XmlElement[]
}

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g

/** Parses an XML document into its root element; throws on malformed nesting. */
function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = []
  let root: XmlElement | null = null
  TOKEN.lastIndex = 0
  let consumed = 0
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    if (m.index !== consumed) throw new Error('malformed XML')
    consumed = TOKEN.lastIndex
    const [, cdata, close, open, attrs, selfClose, chars] = m
    if (cdata !== undefined) { if (stack.length) stack.at(-1)!.text += cdata; continue }
    if (chars !== undefined) {
      if (stack.length) stack.at(-1)!.text += decode(chars)
      else if (chars.trim()) throw new Error('text outside the root')
      continue
    }
    if (open !== undefined) {
      const el: XmlElement = { name: localName(open), nil: /\bnil\s*=\s*["']true["']/.test(attrs ?? ''), text: '', children: [] }
      if (stack.length) stack.at(-1)!.children.push(el)
      else if (root) throw new Error('two roots')
      else root = el
      if (!selfClose) stack.push(el)
      continue
    }
    if (close !== undefined) {
      const el = stack.pop()
      if (!el || el.name !== localName(close)) throw new Error('mismatched element')
    }
  }
  if (consumed !== text.length || stack.length || !root) throw new Error('malformed XML')
  return root
}

function localName(qname: string): string {
  const i = qname.indexOf(':')
  return i < 0 ? qname : qname.slice(i + 1)
}

/** Reads an XML `Product` body into a typed DTO object; throws the §6 binding fault. */
export function readXmlBody(text: string, type: ObjectType = ProductBinding): Record<string, unknown> {
  let root: XmlElement
  try {
    root = parseXml(text.trim())
  } catch {
    throw bindingFault([])
  }
  const out: Record<string, unknown> = {}
  const errors: ConversionError[] = []
  for (const el of root.children) {
    const f = fieldOf(type, el.name)
    if (!f) continue
    if (el.nil) { out[f.name] = isValueType(f.type) ? defaultOf(f.type) : null; continue }
    if (typeof f.type === 'object' && f.type.kind === 'list') {
      const item = f.type.item
      out[f.name] = el.children.map((c) => {
        const v = parseScalar(c.text.trim(), item)
        if (v === undefined) errors.push({ field: f.name, value: c.text })
        return v ?? defaultOf(item)
      })
      continue
    }
    if (typeof f.type === 'object' && f.type.kind === 'object') continue
    const raw = f.type === 'string' ? el.text : el.text.trim()
    const v = parseScalar(raw, f.type)
    if (v === undefined) errors.push({ field: f.name, value: el.text })
    else out[f.name] = f.type === 'string' && raw === '' ? '' : v
  }
  if (errors.length) throw bindingFault(errors)
  return out
}
