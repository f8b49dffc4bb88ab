import { MIN_DATE_MS, formatNumber, type EnumType } from './dto-types.ts'

// Scalar text conversions shared by the JSV reader, the JSON reader and request binding
// (spec/porta.md §6 and §7.3 "Scalars"). Each parser returns `undefined` when the text is not a value
// of the type; callers turn that into the binding error of §6.

const INT32_MIN = -2_147_483_648
const INT32_MAX = 2_147_483_647

/** §6: optional sign and decimal digits, within the 32-bit range. */
export function parseInt32(text: string): number | undefined {
  const t = text.trim()
  if (!/^[+-]?\d+$/.test(t)) return undefined
  const n = Number(t)
  return Number.isSafeInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? n : undefined
}

/** §6: a plain decimal number (no exponent, no thousands separators). */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim()
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined
  const n = Number(t)
  return Number.isFinite(n) ? n : undefined
}

const TRUE = new Set(['true', 't', '1', 'y', 'on'])
const FALSE = new Set(['false', 'f', '0', 'n', 'off', ''])

/** §6: booleans ignore case: `true t 1 y on` → true, `false f 0 n off` → false, empty → false. */
export function parseBool(text: string): boolean | undefined {
  const t = text.trim().toLowerCase()
  if (TRUE.has(t)) return true
  if (FALSE.has(t)) return false
  return undefined
}

/** An enum member by name ignoring case, or by its number. */
export function parseEnum(text: string, type: EnumType): string | undefined {
  const t = text.trim()
  const names = Object.keys(type.members)
  const byName = names.find((n) => n.toLowerCase() === t.toLowerCase())
  if (byName) return byName
  const n = parseInt32(t)
  if (n === undefined) return undefined
  return names.find((name) => (type.members as Record<string, number>)[name] === n)
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/
const WCF_DATE = /^\\?\/Date\((-?\d+)([+-]\d{4})?\)\\?\/$/

/**
 * §7.3 DateTime forms: `yyyy-MM-dd` (midnight UTC), XSD date-time (no zone = UTC), `/Date(ms[±hhmm])/`
 * (the offset is informational: ms is already the UTC instant).
 */
export function parseDateTime(text: string): Date | undefined {
  const t = text.trim()
  let m = DATE_ONLY.exec(t)
  if (m) return utc(+m[1]!, +m[2]!, +m[3]!, 0, 0, 0, 0)
  m = DATE_TIME.exec(t)
  if (m) {
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0
    const d = utc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, m[6] ? +m[6] : 0, ms)
    if (!d) return undefined
    const zone = m[8]
    if (!zone || zone === 'Z') return d
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))
    return new Date(d.getTime() - sign * offsetMin * 60_000)
  }
  m = WCF_DATE.exec(t)
  if (m) {
    const ms = Number(m[1])
    return Number.isSafeInteger(ms) && Math.abs(ms) <= 253_402_300_799_999 ? new Date(ms) : undefined
  }
  return undefined
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, ms)
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return undefined
  return date
}

/** .NET ticks remainder is not representable in JS; 7 fraction digits come from the milliseconds. */
export function formatJsvDate(d: Date): string {
  const iso = isoUtc(d)
  const ms = d.getTime()
  const dayMs = ((ms % 86_400_000) + 86_400_000) % 86_400_000
  if (dayMs === 0) return iso.slice(0, 10)
  const frac = ((ms % 1000) + 1000) % 1000
  if (frac === 0) return `${iso.slice(0, 19)}Z`
  return `${iso.slice(0, 19)}.${String(frac).padStart(3, '0')}0000Z`
}

/** `yyyy-MM-ddTHH:mm:ss.fffZ` for any year 1–9999 (toISOString writes 6-digit years outside 0–9999). */
export function isoUtc(d: Date): string {
  const y = d.getUTCFullYear()
  const iso = d.toISOString()
  return y >= 0 && y <= 9999 ? iso : `${String(y).padStart(4, '0')}${iso.slice(iso.indexOf('-', 1))}`
}

/** §7.2: `\/Date(<ms>-0000)\/` as it appears in the JSON text (the backslashes included). */
export function formatJsonDate(d: Date): string {
  const ms = Number.isNaN(d.getTime()) ? MIN_DATE_MS : d.getTime()
  return `\\/Date(${ms}-0000)\\/`
}

export { formatNumber }
