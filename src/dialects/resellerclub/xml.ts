/** A ResellerClub reply value: bare string / integer / boolean, or a map (spec §8, §9). */
export type RcValue = string | number | boolean | RcMap
export interface RcMap {
  [key: string]: RcValue
}

/**
 * Keys in the recommended order (spec §5): named keys as inserted, then the numeric record keys
 * `"1"`..`"n"` (JavaScript objects would always list integer-like keys first).
 */
function keysOf(map: RcMap): string[] {
  const keys = Object.keys(map)
  let firstNamed = 0
  while (firstNamed < keys.length && INTEGER_KEY.test(keys[firstNamed]!)) firstNamed++
  return firstNamed === 0 ? keys : [...keys.slice(firstNamed), ...keys.slice(0, firstNamed)]
}
const INTEGER_KEY = /^(0|[1-9][0-9]*)$/

/**
 * Whether the map or a map inside it has an integer-like key. JavaScript lists such keys first, so
 * only the first key of each map needs the test (a reply map has some forty keys).
 */
function hasIntegerKeys(map: RcMap): boolean {
  let first = true
  for (const k in map) {
    if (first && INTEGER_KEY.test(k)) return true
    first = false
    const v = map[k]
    if (typeof v === 'object' && hasIntegerKeys(v)) return true
  }
  return false
}

/** Compact JSON without a trailing newline (spec §8). */
export function toJson(value: RcValue): string {
  // JSON.stringify keeps insertion order except that it lists integer-like keys first: only maps
  // holding such keys need writing by hand.
  if (typeof value !== 'object' || !hasIntegerKeys(value)) return JSON.stringify(value)
  let out = '{'
  for (const k of keysOf(value)) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${toJson(value[k]!)}`
  return `${out}}`
}

/**
 * Java XStream layout (spec §9): maps are `<hashtable>` of `<entry>` (key `<string>`, then the
 * value), two-space indent, `\n` line ends, no declaration, no trailing newline.
 */
export function toXml(value: RcValue): string {
  return node(value, '')
}

function node(value: RcValue, indent: string): string {
  switch (typeof value) {
    case 'string': return `${indent}<string>${escapeXml(value)}</string>`
    case 'number': return `${indent}<int>${value}</int>`
    case 'boolean': return `${indent}<boolean>${value}</boolean>`
    default: {
      const keys = keysOf(value)
      if (!keys.length) return `${indent}<hashtable/>`
      const inner = `${indent}    `
      const entries = keys.map((k) =>
        `${indent}  <entry>\n${inner}<string>${escapeXml(k)}</string>\n${node(value[k]!, inner)}\n${indent}  </entry>`)
      return `${indent}<hashtable>\n${entries.join('\n')}\n${indent}</hashtable>`
    }
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const SPECIAL = /[&<>"'\u0000-\u0008\u000b-\u001f\u007f]/g

/** XStream text escapes: `&amp; &lt; &gt; &quot; &apos;`, carriage return `&#xd;`, other controls `&#x..;`. */
export function escapeXml(s: string): string {
  return s.replace(SPECIAL, (c) => {
    switch (c) {
      case '&': return '&amp;'
      case '<': return '&lt;'
      case '>': return '&gt;'
      case '"': return '&quot;'
      case "'": return '&apos;'
      default: return `&#x${c.charCodeAt(0).toString(16)};`
    }
  })
}
