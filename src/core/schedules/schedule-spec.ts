import { Invalid } from '../errors.ts'

/**
 * Schedule requests (spec/ictcore.md §5.14) parsed into a spec, and when a spec is next due. Pure:
 * no database, no clock (callers pass `now`). All times are UTC.
 */

/** Normalised cron fields, UTC; each is '*' or the canonical text of the field. */
export interface CronFields { minute: string; hour: string; day: string; month: string; weekday: string; year: string }
export type ScheduleSpec = { kind: 'once'; at: Date } | { kind: 'cron'; fields: CronFields }
/** Raw request values as they arrive on the wire (number or string, or anything wrong). */
export interface ScheduleInput {
  timestamp?: unknown; delay?: unknown; datetime?: unknown
  minute?: unknown; hour?: unknown; day?: unknown; month?: unknown; weekday?: unknown; year?: unknown
}

type CronField = keyof CronFields
const CRON_FIELDS: readonly CronField[] = ['minute', 'hour', 'day', 'month', 'weekday', 'year']

/** Allowed values per field; `accept` is the largest value written (weekday 7 = Sunday = 0). */
const DOMAIN: Record<CronField, { min: number; max: number; accept: number }> = {
  minute: { min: 0, max: 59, accept: 59 },
  hour: { min: 0, max: 23, accept: 23 },
  day: { min: 1, max: 31, accept: 31 },
  month: { min: 1, max: 12, accept: 12 },
  weekday: { min: 0, max: 6, accept: 7 },
  year: { min: 1970, max: 2200, accept: 2200 },
}

/** Largest time a JS Date holds (ECMA-262 §21.4.1.1: ±8.64e15 ms). */
const MAX_DATE_MS = 8.64e15
const MINUTE_MS = 60_000

/** The first form present in table order (timestamp, delay, datetime, cron fields) wins; none → Invalid('schedule'). Malformed → Invalid(<that field>). */
export function parseSchedule(input: ScheduleInput, now: Date): ScheduleSpec {
  if (present(input.timestamp)) return once(unixSeconds(input.timestamp) * 1000, now, 'timestamp')
  if (present(input.delay)) return once(now.getTime() + seconds('delay', input.delay) * 1000, now, 'delay')
  if (present(input.datetime)) return once(parseDatetime(input.datetime), now, 'datetime')
  if (!CRON_FIELDS.some((f) => present(input[f]))) throw new Invalid('schedule', 'is required', 'required')
  const fields = {} as CronFields
  for (const f of CRON_FIELDS) fields[f] = present(input[f]) ? cronFieldText(f, input[f]) : '*'
  return { kind: 'cron', fields }
}

/** First whole minute strictly after `after` whose minute/hour/day/month/weekday/year all match (UTC); null when none can (e.g. only past years). */
export function nextCronFire(fields: CronFields, after: Date): Date | null {
  const s = cronSets(fields)
  if (!dayFitsSomeMonth(s)) return null
  const startMs = Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS
  if (!Number.isFinite(startMs)) return null
  const start = new Date(startMs)
  let y = start.getUTCFullYear(), mo = start.getUTCMonth() + 1, d = start.getUTCDate(), h = start.getUTCHours(), mi = start.getUTCMinutes()
  // Each step moves to the next candidate of the first field that fails, resetting the smaller
  // ones, so the loop visits at most a few dozen candidates per month up to year 2200.
  for (;;) {
    if (y > DOMAIN.year.max) return null
    if (!s.year[y]) {
      y = nextIn(s.year, y + 1)
      if (y < 0) return null
      mo = 1; d = 1; h = 0; mi = 0
      continue
    }
    if (!s.month[mo]) {
      const next = nextIn(s.month, mo + 1)
      if (next < 0) { y++; mo = 1 } else mo = next
      d = 1; h = 0; mi = 0
      continue
    }
    const day = nextDay(s, y, mo, d)
    if (day < 0) {
      if (++mo > 12) { y++; mo = 1 }
      d = 1; h = 0; mi = 0
      continue
    }
    if (day !== d) { d = day; h = 0; mi = 0 }
    const hour = nextIn(s.hour, h)
    if (hour < 0) { d++; h = 0; mi = 0; continue } // past month end is handled by nextDay
    if (hour !== h) { h = hour; mi = 0 }
    const minute = nextIn(s.minute, mi)
    if (minute < 0) { h++; mi = 0; if (h > 23) { d++; h = 0 } continue }
    return new Date(Date.UTC(y, mo - 1, d, h, minute))
  }
}

/** When a spec is next due: once → max(at, now) (past = now); cron → nextCronFire(fields, now). */
export function nextFire(spec: ScheduleSpec, now: Date): Date | null {
  if (spec.kind === 'once') return new Date(Math.max(spec.at.getTime(), now.getTime()))
  return nextCronFire(spec.fields, now)
}

// --- one-shot forms ---------------------------------------------------------------------------

/** `null`, `undefined` and a blank string all mean "not sent". */
function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')
}

function once(ms: number, now: Date, field: string): ScheduleSpec {
  if (!(Math.abs(ms) <= MAX_DATE_MS)) throw new Invalid(field, 'is out of range')
  return { kind: 'once', at: new Date(Math.max(ms, now.getTime())) }
}

/** Non-negative seconds: a finite number, or a digit string (a decimal fraction is allowed for delay). */
function seconds(field: string, v: unknown, fraction = true): number {
  const pattern = fraction ? /^\d+(\.\d+)?$/ : /^\d+$/
  const n = typeof v === 'number' ? v : typeof v === 'string' && pattern.test(v.trim()) ? Number(v.trim()) : NaN
  if (!Number.isFinite(n) || n < 0) throw new Invalid(field, 'must be a number of seconds ≥ 0')
  return n
}

function unixSeconds(v: unknown): number {
  const n = seconds('timestamp', v, false)
  if (n * 1000 > MAX_DATE_MS) throw new Invalid('timestamp', 'is out of range')
  return n
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/i

/** `YYYY-MM-DDTHH:MM[:SS]` with optional `Z`/`±HH:MM` (none = UTC); the date must exist. */
function parseDatetime(v: unknown): number {
  const m = typeof v === 'string' ? DATETIME.exec(v.trim()) : null
  if (!m) throw new Invalid('datetime', 'must be YYYY-MM-DDTHH:MM[:SS] with an optional Z or ±HH:MM')
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) throw new Invalid('datetime', 'is not a real date and time')
  let offsetMin = 0
  const zone = m[7]
  if (zone && zone.toUpperCase() !== 'Z') {
    const oh = Number(zone.slice(1, 3)), om = Number(zone.slice(4, 6))
    if (oh > 23 || om > 59) throw new Invalid('datetime', 'has an invalid UTC offset')
    offsetMin = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om)
  }
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, 0)
  return date.getTime() - offsetMin * MINUTE_MS
}

// --- cron fields ------------------------------------------------------------------------------

const ITEM = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/

/** The set of values a field allows, indexed by value (weekday 7 folded into 0). */
function cronValues(field: CronField, raw: unknown): boolean[] {
  const { min, max, accept } = DOMAIN[field]
  const set: boolean[] = new Array(max + 1).fill(false)
  const add = (v: number): void => { set[field === 'weekday' && v === 7 ? 0 : v] = true }
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw) || raw < min || raw > accept) throw new Invalid(field, `must be between ${min} and ${accept}`)
    add(raw)
    return set
  }
  if (typeof raw !== 'string') throw new Invalid(field, 'must be a number or a cron expression')
  for (const item of raw.split(',')) {
    const m = ITEM.exec(item.trim())
    // A step needs a range to walk (`*/n`, `a-b/n`); Vixie cron rejects `n/s` too.
    if (!m || (m[2] !== undefined && !m[1]!.includes('-') && m[1] !== '*')) throw new Invalid(field, 'is not a cron expression (*, n, a-b, */n, a-b/n, comma-separated)')
    const [lo, hi] = m[1] === '*' ? [min, max] : m[1]!.split('-').map(Number) as [number, number?]
    const from = lo, to = hi ?? lo
    if (from < min || to > accept || from > to) throw new Invalid(field, `must be between ${min} and ${accept}`)
    const step = m[2] === undefined ? 1 : Number(m[2])
    if (step < 1 || step > accept - min + 1) throw new Invalid(field, 'has an invalid step')
    for (let v = from; v <= to; v += step) add(v)
  }
  return set
}

/** Canonical text of a field: '*' for every value, else `*\/n`, `a-b/n`, or ranges and values. */
function cronFieldText(field: CronField, raw: unknown): string {
  const { min, max } = DOMAIN[field]
  const vals: number[] = []
  cronValues(field, raw).forEach((on, v) => { if (on) vals.push(v) })
  if (vals.length === max - min + 1) return '*'
  const first = vals[0]!, last = vals[vals.length - 1]!
  const step = vals.length > 2 ? vals[1]! - first : 0
  if (step > 1 && vals.every((v, i) => v === first + i * step)) return first === min && last + step > max ? `*/${step}` : `${first}-${last}/${step}`
  const parts: string[] = []
  for (let i = 0; i < vals.length;) {
    let j = i
    while (j + 1 < vals.length && vals[j + 1] === vals[j]! + 1) j++
    parts.push(j - i >= 2 ? `${vals[i]}-${vals[j]}` : vals.slice(i, j + 1).join(','))
    i = j + 1
  }
  return parts.join(',')
}

interface CronSets extends Record<CronField, boolean[]> { dayRestricted: boolean; weekdayRestricted: boolean }

function cronSets(fields: CronFields): CronSets {
  const sets = {} as CronSets
  for (const f of CRON_FIELDS) sets[f] = cronValues(f, fields[f])
  // Restricted = not every value, whatever the spelling ('1-31' counts as '*'); see the Vixie rule in nextDay.
  sets.dayRestricted = sets.day.slice(1).some((on) => !on)
  sets.weekdayRestricted = sets.weekday.some((on) => !on)
  return sets
}

/** Smallest index ≥ from set in `set`, or -1. */
function nextIn(set: boolean[], from: number): number {
  for (let i = Math.max(from, 0); i < set.length; i++) if (set[i]) return i
  return -1
}

/** First day ≥ d of that month matching day/weekday, or -1. */
function nextDay(s: CronSets, y: number, mo: number, d: number): number {
  const dim = daysInMonth(y, mo)
  // 1970-01-01 was a Thursday (4); the epoch-day count gives the weekday without a Date per day.
  const weekdayOfFirst = ((Math.floor(Date.UTC(y, mo - 1, 1) / 86_400_000) + 4) % 7 + 7) % 7
  for (let x = d; x <= dim; x++) {
    const byDay = s.day[x]!, byWeekday = s.weekday[(weekdayOfFirst + x - 1) % 7]!
    // Vixie cron: when both day and weekday are restricted, either one matching is enough.
    if (s.dayRestricted && s.weekdayRestricted ? byDay || byWeekday : byDay && byWeekday) return x
  }
  return -1
}

/** False when day must match but no chosen month is long enough (e.g. day 31 in February only). */
function dayFitsSomeMonth(s: CronSets): boolean {
  if (s.dayRestricted && s.weekdayRestricted) return true
  const firstDay = nextIn(s.day, 1)
  return s.month.some((on, mo) => on && firstDay <= daysInMonth(2000, mo)) // 2000: a leap year, so 29 Feb counts
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(mo) ? 30 : 31
}
