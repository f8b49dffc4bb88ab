import type { FastifyRequest } from 'fastify'

/**
 * The fields of one Packetera request (spec §2): query string first, then the form body, so on a
 * name clash the query wins. Names are trimmed and case-insensitive; every occurrence is kept in
 * order and readers take the first non-empty one (an empty value counts as absent).
 */
export class PacketeraInput {
  private readonly fields = new Map<string, string[]>()

  add(name: string, value: string): void {
    const key = name.trim().toLowerCase()
    if (!key) return
    const list = this.fields.get(key)
    if (list) list.push(value)
    else this.fields.set(key, [value])
  }

  /** The first non-empty value of `name` after trimming, or undefined. */
  get(name: string): string | undefined {
    for (const v of this.fields.get(name.toLowerCase()) ?? []) {
      const t = v.trim()
      if (t) return t
    }
    return undefined
  }

  /** The first non-empty value of `name` untrimmed (reply delimiters may be white space: `%0D%0A`). */
  raw(name: string): string | undefined {
    for (const v of this.fields.get(name.toLowerCase()) ?? []) if (v) return v
    return undefined
  }
}

/** Parses the query string and the (form) body of a request. */
export function parseRequest(req: FastifyRequest): PacketeraInput {
  const input = new PacketeraInput()
  const url = req.raw.url ?? ''
  const q = url.indexOf('?')
  if (q >= 0) parseForm(input, byteText(url.slice(q + 1)))
  if (Buffer.isBuffer(req.body)) parseForm(input, req.body.toString('latin1'))
  return input
}

// Node hands the request line over as latin1 (one char per byte); injected URLs may hold wider chars.
function byteText(query: string): string {
  return /[\u0100-\uffff]/.test(query) ? Buffer.from(query, 'utf8').toString('latin1') : query
}

/**
 * `application/x-www-form-urlencoded` on bytes held as a latin1 string (one char per byte):
 * `&`-separated, first `=` splits, `+` is a space. Working on the string spares a Buffer view per
 * name and value: most are plain ASCII and are sliced as they are.
 */
export function parseForm(input: PacketeraInput, text: string): void {
  const n = text.length
  let start = 0
  while (start < n) {
    let end = text.indexOf('&', start)
    if (end < 0) end = n
    if (end > start) {
      const eq = text.indexOf('=', start)
      if (eq >= 0 && eq < end) input.add(decodeComponent(text, start, eq), decodeComponent(text, eq + 1, end))
      else input.add(decodeComponent(text, start, end), '')
    }
    start = end + 1
  }
}

/** Percent-decoding that never throws: malformed `%` sequences stay as sent, bad UTF-8 becomes U+FFFD. */
function decodeComponent(text: string, from: number, to: number): string {
  let plain = from
  while (plain < to) {
    const c = text.charCodeAt(plain)
    if (c === 0x25 || c === 0x2b || c > 0x7f) break
    plain++
  }
  if (plain === to) return text.slice(from, to)
  const b = Buffer.from(text.slice(from, to), 'latin1')
  const out = Buffer.allocUnsafe(b.length)
  let j = 0
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!
    if (c === 0x2b) out[j++] = 0x20
    else if (c === 0x25 && i + 2 < b.length && isHex(b[i + 1]!) && isHex(b[i + 2]!)) {
      out[j++] = parseInt(String.fromCharCode(b[i + 1]!, b[i + 2]!), 16)
      i += 2
    } else out[j++] = c
  }
  return out.toString('utf8', 0, j)
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}
