/**
 * Text of short messages (spec/gateways.md §2 `data_coding`, wire rules): the GSM 03.38 default
 * alphabet with its extension table, carried one septet per octet (unpacked, as SMPP carries the
 * default alphabet), Latin-1 and UCS-2 (UTF-16 big endian); and the split of a long text into
 * segments that never cut an escape sequence or a surrogate pair.
 */

export type Coding = 'gsm' | 'latin1' | 'ucs2'

/** SMPP data_coding values (SMPP 3.4 §5.2.19). */
export const DATA_CODING: Readonly<Record<Coding, number>> = { gsm: 0x00, latin1: 0x03, ucs2: 0x08 }

// 3GPP TS 23.038 §6.2.1: the default alphabet, septet value = index.
const BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
// §6.2.1.1: the extension table, reached through ESC (0x1B).
const EXTENSION: ReadonlyArray<[string, number]> = [['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f], ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65]]
const ESC = 0x1b

const basicCode = new Map<string, number>()
for (let i = 0; i < BASIC.length; i++) if (i !== ESC) basicCode.set(BASIC[i]!, i)
const extCode = new Map(EXTENSION)
const extChar = new Map(EXTENSION.map(([c, v]) => [v, c]))

/** Septets a character takes in the default alphabet (1, or 2 through the extension table); 0 = not in it. */
export function gsmSeptets(ch: string): number {
  if (basicCode.has(ch)) return 1
  return extCode.has(ch) ? 2 : 0
}

/** Whether every character of `text` is in the default alphabet or its extension table. */
export function fitsGsm(text: string): boolean {
  for (const ch of text) if (gsmSeptets(ch) === 0) return false
  return true
}

/** `auto`: GSM 03.38 when every character fits, else UCS-2 (§2 `data_coding`). */
export function chooseCoding(text: string, setting: Coding | 'auto'): Coding {
  if (setting !== 'auto') return setting
  return fitsGsm(text) ? 'gsm' : 'ucs2'
}

/** Encodes text in a coding; characters the coding lacks become `?`. */
export function encodeText(text: string, coding: Coding): Buffer {
  if (coding === 'ucs2') return encodeUcs2(text)
  if (coding === 'latin1') {
    const out = Buffer.allocUnsafe(text.length)
    let n = 0
    for (const ch of text) {
      const c = ch.codePointAt(0)!
      out[n++] = c <= 0xff ? c : 0x3f
    }
    return out.subarray(0, n)
  }
  const out = Buffer.allocUnsafe(text.length * 2)
  let n = 0
  for (const ch of text) {
    const b = basicCode.get(ch)
    if (b !== undefined) out[n++] = b
    else {
      const e = extCode.get(ch)
      if (e !== undefined) {
        out[n++] = ESC
        out[n++] = e
      } else out[n++] = 0x3f
    }
  }
  return out.subarray(0, n)
}

function encodeUcs2(text: string): Buffer {
  const out = Buffer.allocUnsafe(text.length * 2)
  for (let i = 0; i < text.length; i++) out.writeUInt16BE(text.charCodeAt(i), i * 2)
  return out
}

/**
 * Decodes a short message by its data_coding (SMPP 3.4 §5.2.19): 0 the default alphabet (unpacked),
 * 1 IA5/ASCII, 3 Latin-1, 8 UCS-2; anything else is read as Latin-1.
 */
export function decodeText(bytes: Uint8Array, dataCoding: number): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  switch (dataCoding) {
    case 0x00: return decodeGsm(b)
    case 0x01: return b.toString('ascii')
    case 0x08: {
      let s = ''
      for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(b.readUInt16BE(i))
      return s
    }
    default: return b.toString('latin1')
  }
}

function decodeGsm(b: Buffer): string {
  let s = ''
  for (let i = 0; i < b.length; i++) {
    const v = b[i]! & 0x7f
    if (v === ESC && i + 1 < b.length) {
      const c = extChar.get(b[i + 1]! & 0x7f)
      i++
      s += c ?? ' '
    } else s += BASIC[v]
  }
  return s
}

/** Units one message holds in a coding: septets (gsm), octets (latin1) or UTF-16 code units (ucs2). */
const SINGLE: Readonly<Record<Coding, number>> = { gsm: 160, latin1: 140, ucs2: 70 }
/** Units one segment of a split message holds (a 6-octet concatenation header takes the rest, §2). */
const SEGMENT: Readonly<Record<Coding, number>> = { gsm: 153, latin1: 134, ucs2: 67 }

/** Units of one character (a GSM extension character counts 2, a UCS-2 character outside the BMP 2). */
function units(ch: string, coding: Coding): number {
  if (coding === 'gsm') return gsmSeptets(ch) || 1
  if (coding === 'ucs2') return ch.length
  return 1
}

/**
 * Splits a text into the segments it is sent as (§2 wire rules): one when it fits a single message
 * (160 GSM septets, 140 Latin-1 octets, 70 UCS-2 units), else segments of 153 / 134 / 67 units,
 * never cutting a character that takes two units.
 */
export function splitText(text: string, coding: Coding): string[] {
  let total = 0
  for (const ch of text) total += units(ch, coding)
  if (total <= SINGLE[coding]) return [text]
  const max = SEGMENT[coding]
  const out: string[] = []
  let current = ''
  let used = 0
  for (const ch of text) {
    const u = units(ch, coding)
    if (used + u > max) {
      out.push(current)
      current = ''
      used = 0
    }
    current += ch
    used += u
  }
  if (current !== '') out.push(current)
  return out
}
