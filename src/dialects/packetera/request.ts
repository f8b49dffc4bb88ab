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
  if (q >= 0) parseForm(input, queryBytes(url.slice(q + 1)))
  if (Buffer.isBuffer(req.body)) parseForm(input, req.body)
  return input
}

// Node hands the request line over as latin1 (one char per byte); injected URLs may hold wider chars.
function queryBytes(query: string): Buffer {
  return Buffer.from(query, /[\u0100-\uffff]/.test(query) ? 'utf8' : 'latin1')
}

/** `application/x-www-form-urlencoded` on bytes: `&`-separated, first `=` splits, `+` is a space. */
export function parseForm(input: PacketeraInput, bytes: Buffer): void {
  let start = 0
  while (start < bytes.length) {
    let end = bytes.indexOf(0x26, start)
    if (end < 0) end = bytes.length
    if (end > start) {
      const part = bytes.subarray(start, end)
      const eq = part.indexOf(0x3d)
      input.add(decodeComponent(eq < 0 ? part : part.subarray(0, eq)), eq < 0 ? '' : decodeComponent(part.subarray(eq + 1)))
    }
    start = end + 1
  }
}

/** Percent-decoding that never throws: malformed `%` sequences stay as sent, bad UTF-8 becomes U+FFFD. */
function decodeComponent(b: Buffer): string {
  // Most names and values hold no escape and no `+`: their bytes are the UTF-8 text already.
  let plain = 0
  while (plain < b.length && b[plain] !== 0x25 && b[plain] !== 0x2b) plain++
  if (plain === b.length) return b.toString('utf8')
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
