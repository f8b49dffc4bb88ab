import { isUtf8 } from 'node:buffer'

// Windows-1252 for 0x80–0x9F (bytes it leaves undefined map to the same code point, as WHATWG does).
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
]

function cp1252(b: number): string {
  return String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80]! : b)
}

/** Length of the valid UTF-8 sequence at `i`: 1–4, 0 if invalid, -1 if cut off by the end of `buf`. */
function sequenceAt(buf: Buffer, i: number): number {
  const b = buf[i]!
  if (b < 0x80) return 1
  let n: number
  let lo = 0x80
  let hi = 0xbf
  if (b >= 0xc2 && b <= 0xdf) n = 2
  else if (b >= 0xe0 && b <= 0xef) { n = 3; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f }
  else if (b >= 0xf0 && b <= 0xf4) { n = 4; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f }
  else return 0
  for (let k = 1; k < n; k++) {
    if (i + k >= buf.length) return -1
    const c = buf[k + i]!
    if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return 0
  }
  return n
}

/** Where a multi-byte sequence cut off by the end of `buf` starts (buf.length if none). */
function cutAt(buf: Buffer): number {
  for (let i = buf.length - 1; i >= 0 && i >= buf.length - 3; i--) {
    const b = buf[i]!
    if (b < 0x80) return buf.length
    if (b >= 0xc0) return sequenceAt(buf, i) < 0 ? i : buf.length
  }
  return buf.length
}

/**
 * Bytes → text for CSV uploads (spec/ictcore.md §8): UTF-8, a leading BOM dropped, and every byte
 * that is not part of a valid UTF-8 sequence read as Windows-1252. Streaming: a sequence cut by a
 * chunk boundary waits for the next chunk. Valid UTF-8 (the usual case) is decoded natively.
 */
export class CsvTextDecoder {
  private carry: Buffer | null = null
  private first = true

  /** The text of the next chunk (a sequence it ends inside of is kept for the next call). */
  write(chunk: Buffer): string {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk
    this.carry = null
    const cut = cutAt(buf)
    if (isUtf8(buf.subarray(0, cut))) {
      if (cut < buf.length) this.carry = Buffer.from(buf.subarray(cut))
      return this.text(buf.toString('utf8', 0, cut))
    }
    return this.text(this.decode(buf, false))
  }

  /** The text of what is left at the end of the body. */
  end(): string {
    const rest = this.carry
    this.carry = null
    return rest ? this.text(this.decode(rest, true)) : ''
  }

  private text(out: string): string {
    if (this.first && out.length) {
      this.first = false
      if (out.charCodeAt(0) === 0xfeff) return out.slice(1)
    }
    return out
  }

  private decode(buf: Buffer, final: boolean): string {
    let out = ''
    let start = 0
    let i = 0
    while (i < buf.length) {
      if (buf[i]! < 0x80) { i++; continue }
      const n = sequenceAt(buf, i)
      if (n > 0) { i += n; continue }
      if (n < 0 && !final) {
        this.carry = Buffer.from(buf.subarray(i))
        break
      }
      out += buf.toString('utf8', start, i) + cp1252(buf[i]!)
      i++
      start = i
    }
    return out + buf.toString('utf8', start, this.carry ? buf.length - this.carry.length : buf.length)
  }
}
