import assert from 'node:assert/strict'
import fc from 'fast-check'
import { describe, test } from 'node:test'
import { Invalid } from '../../../src/core/errors.ts'
import { nextCronFire, nextFire, parseSchedule, type CronFields, type ScheduleInput } from '../../../src/core/schedules/index.ts'

const NOW = new Date('2025-01-15T10:20:30.500Z')
const at = (iso: string): Date => new Date(iso)
const EVERY: CronFields = { minute: '*', hour: '*', day: '*', month: '*', weekday: '*', year: '*' }
const cron = (f: Partial<CronFields>): CronFields => ({ ...EVERY, ...f })
const fields = (input: ScheduleInput): CronFields => {
  const spec = parseSchedule(input, NOW)
  assert.equal(spec.kind, 'cron')
  return spec.fields
}
const next = (f: Partial<CronFields>, after: string): string | undefined => nextCronFire(cron(f), at(after))?.toISOString()

/** Asserts parseSchedule refuses the input with Invalid naming `field`. */
function refuses(input: ScheduleInput, field: string): void {
  assert.throws(() => parseSchedule(input, NOW), (e: unknown) => e instanceof Invalid && e.field === field, JSON.stringify(input))
}

describe('parseSchedule one-shot forms', () => {
  test('a timestamp in unix seconds, as a number or a digit string, is a one-shot at that time', () => {
    assert.deepEqual(parseSchedule({ timestamp: 1_900_000_000 }, NOW), { kind: 'once', at: at('2030-03-17T17:46:40Z') })
    assert.deepEqual(parseSchedule({ timestamp: '1900000000' }, NOW), { kind: 'once', at: at('2030-03-17T17:46:40Z') })
  })

  test('a past timestamp is due now', () => {
    assert.deepEqual(parseSchedule({ timestamp: 1 }, NOW), { kind: 'once', at: NOW })
    assert.equal(nextFire(parseSchedule({ timestamp: '0' }, NOW), NOW)?.getTime(), NOW.getTime())
  })

  test('a delay is seconds from now, zero meaning now', () => {
    assert.deepEqual(parseSchedule({ delay: 90 }, NOW), { kind: 'once', at: at('2025-01-15T10:22:00.500Z') })
    assert.deepEqual(parseSchedule({ delay: '0' }, NOW), { kind: 'once', at: NOW })
  })

  test('a datetime without an offset is UTC, a space may replace T, seconds are optional', () => {
    assert.deepEqual(parseSchedule({ datetime: '2026-03-01T08:30' }, NOW), { kind: 'once', at: at('2026-03-01T08:30:00Z') })
    assert.deepEqual(parseSchedule({ datetime: '2026-03-01 08:30:15' }, NOW), { kind: 'once', at: at('2026-03-01T08:30:15Z') })
  })

  test('a datetime honours Z and ±HH:MM offsets', () => {
    assert.deepEqual(parseSchedule({ datetime: '2026-03-01T08:30:00Z' }, NOW), { kind: 'once', at: at('2026-03-01T08:30:00Z') })
    assert.deepEqual(parseSchedule({ datetime: '2026-03-01T08:30:00+05:30' }, NOW), { kind: 'once', at: at('2026-03-01T03:00:00Z') })
    assert.deepEqual(parseSchedule({ datetime: '2026-03-01T08:30-02:00' }, NOW), { kind: 'once', at: at('2026-03-01T10:30:00Z') })
  })

  test('a past datetime is due now, and 29 February exists in a leap year', () => {
    assert.deepEqual(parseSchedule({ datetime: '2024-02-29T12:00' }, NOW), { kind: 'once', at: NOW })
  })
})

describe('parseSchedule precedence and absence', () => {
  test('the first form in table order wins: timestamp, then delay, then datetime, then cron fields', () => {
    const all = { timestamp: 1_900_000_000, delay: 60, datetime: '2026-01-01T00:00', minute: 5 }
    assert.deepEqual(parseSchedule(all, NOW), { kind: 'once', at: at('2030-03-17T17:46:40Z') })
    assert.deepEqual(parseSchedule({ ...all, timestamp: undefined }, NOW), { kind: 'once', at: at('2025-01-15T10:21:30.500Z') })
    assert.deepEqual(parseSchedule({ ...all, timestamp: undefined, delay: undefined }, NOW), { kind: 'once', at: at('2026-01-01T00:00Z') })
    assert.deepEqual(parseSchedule({ minute: 5 }, NOW), { kind: 'cron', fields: cron({ minute: '5' }) })
  })

  test('null and empty strings count as absent and let a later form win', () => {
    assert.deepEqual(parseSchedule({ timestamp: null, delay: '', datetime: '2026-01-01T00:00', minute: 5 }, NOW), { kind: 'once', at: at('2026-01-01T00:00Z') })
    assert.deepEqual(parseSchedule({ timestamp: '', delay: null, datetime: '', hour: 3, minute: null }, NOW), { kind: 'cron', fields: cron({ hour: '3' }) })
  })

  test('no form at all is refused for schedule', () => {
    refuses({}, 'schedule')
    refuses({ timestamp: null, delay: '', datetime: '  ', minute: null, year: '' }, 'schedule')
  })

  test('a malformed winning form names its own field even when a later form is fine', () => {
    refuses({ timestamp: 'soon', delay: 60 }, 'timestamp')
    refuses({ delay: -1, datetime: '2026-01-01T00:00' }, 'delay')
    refuses({ datetime: 'tomorrow', minute: 5 }, 'datetime')
  })
})

describe('parseSchedule refuses bad values naming their field', () => {
  test('timestamp: negative, fractional string, wrong type or beyond what a date holds', () => {
    for (const timestamp of [-1, '-1', '1.5', '1e9', true, {}, [1], Number.NaN, Infinity, 1e13]) refuses({ timestamp }, 'timestamp')
  })

  test('delay: negative, not a number, wrong type or beyond what a date holds', () => {
    for (const delay of [-1, '-5', 'abc', '1e3', false, [], Number.NaN, 1e300]) refuses({ delay }, 'delay')
  })

  test('datetime: wrong shape, not a real date, bad offset or wrong type', () => {
    for (const datetime of ['2026-01-01', '2026-1-01T00:00', '2026-01-01T00:00:00.5', '2023-02-29T00:00', '2026-04-31T00:00', '2026-13-01T00:00',
      '2026-01-01T24:00', '2026-01-01T23:60', '2026-01-01T00:00:60', '2026-01-01T00:00+24:00', '2026-01-01T00:00+05', 1_900_000_000, {}]) {
      refuses({ datetime }, 'datetime')
    }
  })

  test('cron fields: out of range, bad syntax or wrong type', () => {
    const bad: [keyof CronFields, unknown][] = [
      ['minute', 60], ['minute', -1], ['minute', 1.5], ['minute', '60'], ['minute', '5/2'], ['minute', '*/0'], ['minute', '10-5'], ['minute', '1,,2'],
      ['minute', 'a'], ['minute', '*/61'], ['minute', true], ['minute', [5]],
      ['hour', 24], ['hour', '0-24'], ['day', 0], ['day', 32], ['day', '0-5'], ['month', 0], ['month', 13], ['month', 'jan'],
      ['weekday', 8], ['weekday', '-1'], ['weekday', '1-8'], ['year', 1969], ['year', 2201], ['year', '2024-2300'],
    ]
    for (const [field, value] of bad) refuses({ [field]: value }, field)
  })

  test('the first bad cron field in order is the one named', () => {
    refuses({ minute: 5, hour: 99, day: 0 }, 'hour')
  })
})

describe('parseSchedule cron fields', () => {
  test('omitted fields are *, numbers and strings both work', () => {
    assert.deepEqual(fields({ minute: 0, hour: '9' }), cron({ minute: '0', hour: '9' }))
  })

  test('fields are normalised to one canonical text', () => {
    assert.deepEqual(fields({ minute: '0,15,30,45', hour: ' 9-17 ', day: '1,2,3,10', month: '*/1', weekday: '1-5', year: '2026,2025' }),
      cron({ minute: '*/15', hour: '9-17', day: '1-3,10', month: '*', weekday: '1-5', year: '2025,2026' }))
    assert.deepEqual(fields({ minute: '5-50/15', hour: '*/6' }), cron({ minute: '5-50/15', hour: '*/6' }))
  })

  test('weekday 7 is Sunday, and a field naming every value becomes *', () => {
    assert.deepEqual(fields({ weekday: 7 }), cron({ weekday: '0' }))
    assert.deepEqual(fields({ weekday: '5-7' }), cron({ weekday: '0,5,6' }))
    assert.deepEqual(fields({ weekday: '1-7', day: '1-31', year: '1970-2200' }), EVERY)
  })
})

describe('nextCronFire', () => {
  test('every minute fires at the next whole minute', () => {
    assert.equal(next({}, '2025-01-15T10:20:30.500Z'), '2025-01-15T10:21:00.000Z')
  })

  test('an exactly matching minute is not returned: the next fire is strictly after', () => {
    assert.equal(next({}, '2025-01-15T10:20:00.000Z'), '2025-01-15T10:21:00.000Z')
    assert.equal(next({ minute: '*/15' }, '2025-01-15T10:30:00.000Z'), '2025-01-15T10:45:00.000Z')
    assert.equal(next({ minute: '0', hour: '0' }, '2025-01-15T00:00:00.000Z'), '2025-01-16T00:00:00.000Z')
  })

  test('*/15 fires at the next quarter hour, rolling into the next hour', () => {
    assert.equal(next({ minute: '*/15' }, '2025-01-15T10:20:30Z'), '2025-01-15T10:30:00.000Z')
    assert.equal(next({ minute: '*/15' }, '2025-01-15T10:50:00Z'), '2025-01-15T11:00:00.000Z')
  })

  test('an hour range waits for its start and rolls over to the next day after its end', () => {
    assert.equal(next({ minute: '0', hour: '9-17' }, '2025-01-15T06:10:00Z'), '2025-01-15T09:00:00.000Z')
    assert.equal(next({ minute: '0', hour: '9-17' }, '2025-01-15T12:10:00Z'), '2025-01-15T13:00:00.000Z')
    assert.equal(next({ minute: '0', hour: '9-17' }, '2025-01-15T17:00:00Z'), '2025-01-16T09:00:00.000Z')
  })

  test('month and year roll over', () => {
    assert.equal(next({ minute: '0', hour: '0', day: '1' }, '2025-01-31T23:59:59Z'), '2025-02-01T00:00:00.000Z')
    assert.equal(next({ minute: '30', hour: '6', day: '15', month: '3' }, '2025-03-15T06:30:00Z'), '2026-03-15T06:30:00.000Z')
    assert.equal(next({ day: '31' }, '2025-04-01T00:00:00Z'), '2025-05-31T00:00:00.000Z')
  })

  test('29 February fires only in leap years, skipping 2100', () => {
    const leap = { minute: '0', hour: '12', day: '29', month: '2' }
    assert.equal(next(leap, '2025-01-15T10:20:30Z'), '2028-02-29T12:00:00.000Z')
    assert.equal(next(leap, '2096-02-29T12:00:00Z'), '2104-02-29T12:00:00.000Z')
  })

  test('with both day and weekday restricted a date matches either (Vixie cron)', () => {
    // 2025-01-15 is a Wednesday; day 20 is the following Monday, and Friday 17th comes first.
    const f = { minute: '0', hour: '0', day: '20', weekday: '5' }
    assert.equal(next(f, '2025-01-15T10:20:30Z'), '2025-01-17T00:00:00.000Z')
    assert.equal(next(f, '2025-01-17T00:00:00Z'), '2025-01-20T00:00:00.000Z')
  })

  test('with only one of day and weekday restricted both must match', () => {
    assert.equal(next({ minute: '0', hour: '0', weekday: '1' }, '2025-01-15T10:20:30Z'), '2025-01-20T00:00:00.000Z')
    assert.equal(next({ minute: '0', hour: '0', day: '13', weekday: '*' }, '2025-01-15T10:20:30Z'), '2025-02-13T00:00:00.000Z')
    assert.equal(next({ minute: '0', hour: '0', day: '*', weekday: '6' }, '2025-01-15T10:20:30Z'), '2025-01-18T00:00:00.000Z')
  })

  test('weekday 7 fires on Sundays', () => {
    assert.equal(nextCronFire(fields({ minute: 0, hour: 0, weekday: 7 }), at('2025-01-15T10:20:30Z'))?.toISOString(), '2025-01-19T00:00:00.000Z')
  })

  test('years: a future year waits for it, only past years or after 2200 give null', () => {
    assert.equal(next({ year: '2030' }, '2025-01-15T10:20:30Z'), '2030-01-01T00:00:00.000Z')
    assert.equal(next({ year: '2024' }, '2025-01-15T10:20:30Z'), undefined)
    assert.equal(next({ year: '2024,2025', month: '1', day: '1' }, '2025-01-15T10:20:30Z'), undefined)
    assert.equal(next({}, '2200-12-31T23:59:00Z'), undefined)
    assert.equal(next({}, '2200-12-31T23:58:59Z'), '2200-12-31T23:59:00.000Z')
  })

  test('impossible day and month combinations give null', () => {
    assert.equal(next({ day: '31', month: '2' }, '2025-01-15T10:20:30Z'), undefined)
    assert.equal(next({ day: '30,31', month: '2' }, '2025-01-15T10:20:30Z'), undefined)
    assert.equal(next({ day: '31', month: '4,6,9,11' }, '2025-01-15T10:20:30Z'), undefined)
    assert.equal(next({ day: '29', month: '2', year: '2025-2027' }, '2025-01-15T10:20:30Z'), undefined)
  })

  test('a date before 1970 starts the search at 1970', () => {
    assert.equal(next({}, '1960-05-05T00:00:00Z'), '1970-01-01T00:00:00.000Z')
  })
})

describe('nextFire', () => {
  test('a one-shot is due at its time, or now when that has passed', () => {
    assert.equal(nextFire({ kind: 'once', at: at('2026-01-01T00:00Z') }, NOW)?.toISOString(), '2026-01-01T00:00:00.000Z')
    assert.equal(nextFire({ kind: 'once', at: at('2020-01-01T00:00Z') }, NOW)?.toISOString(), NOW.toISOString())
  })

  test('a cron spec is due at its next fire after now', () => {
    assert.equal(nextFire({ kind: 'cron', fields: cron({ minute: '*/15' }) }, NOW)?.toISOString(), '2025-01-15T10:30:00.000Z')
    assert.equal(nextFire({ kind: 'cron', fields: cron({ year: '2000' }) }, NOW), null)
  })
})

// --- properties: the oracle is the set of values the generator meant, not the module's own parsing.

type Field = keyof CronFields
const DOMAIN: Record<Field, [number, number, number]> = { // min, max, largest accepted
  minute: [0, 59, 59], hour: [0, 23, 23], day: [1, 31, 31], month: [1, 12, 12], weekday: [0, 6, 7], year: [1970, 2200, 2200],
}
interface Expr { text: string | number; values: Set<number> }

/** One cron item (`n`, `a-b`, `*`, `*\/s`, `a-b/s`) with the values it means. */
function item(field: Field): fc.Arbitrary<Expr> {
  const [min, max, accept] = DOMAIN[field]
  const norm = (v: number): number => (field === 'weekday' && v === 7 ? 0 : v)
  const span = (a: number, b: number, s: number): Set<number> => { const out = new Set<number>(); for (let v = a; v <= b; v += s) out.add(norm(v)); return out }
  const value = fc.integer({ min, max: accept })
  const range = fc.tuple(value, value).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const)
  const step = fc.integer({ min: 1, max: Math.min(accept - min + 1, 20) })
  return fc.oneof(
    value.map((n) => ({ text: n, values: span(n, n, 1) })),
    value.map((n) => ({ text: String(n), values: span(n, n, 1) })),
    range.map(([a, b]) => ({ text: `${a}-${b}`, values: span(a, b, 1) })),
    step.map((s) => ({ text: `*/${s}`, values: span(min, max, s) })),
    fc.tuple(range, step).map(([[a, b], s]) => ({ text: `${a}-${b}/${s}`, values: span(a, b, s) })),
  )
}

/** A field: '*' with weight `star`, else one to three items joined by commas. */
function expr(field: Field, star: number): fc.Arbitrary<Expr> {
  const [min, max] = DOMAIN[field]
  const all = { text: '*', values: new Set(Array.from({ length: max - min + 1 }, (_, i) => min + i)) }
  const list = fc.array(item(field), { minLength: 1, maxLength: 3 }).map((items) =>
    items.length === 1 ? items[0]! : { text: items.map((i) => i.text).join(','), values: new Set(items.flatMap((i) => [...i.values])) })
  return fc.oneof({ arbitrary: fc.constant(all), weight: star }, { arbitrary: list, weight: 1 })
}

function cronArb(star: Record<Field, number>): fc.Arbitrary<Record<Field, Expr>> {
  return fc.record({ minute: expr('minute', star.minute), hour: expr('hour', star.hour), day: expr('day', star.day),
    month: expr('month', star.month), weekday: expr('weekday', star.weekday), year: expr('year', star.year) })
}

/** Independent matcher over the intended value sets, with the Vixie day/weekday rule. */
function matches(e: Record<Field, Expr>, t: Date): boolean {
  const full = (f: Field): boolean => e[f].values.size === DOMAIN[f][1] - DOMAIN[f][0] + 1
  const byDay = e.day.values.has(t.getUTCDate()), byWeekday = e.weekday.values.has(t.getUTCDay())
  const dayOk = !full('day') && !full('weekday') ? byDay || byWeekday : byDay && byWeekday
  return dayOk && e.minute.values.has(t.getUTCMinutes()) && e.hour.values.has(t.getUTCHours())
    && e.month.values.has(t.getUTCMonth() + 1) && e.year.values.has(t.getUTCFullYear())
}

const parsed = (e: Record<Field, Expr>): CronFields =>
  fields({ minute: e.minute.text, hour: e.hour.text, day: e.day.text, month: e.month.text, weekday: e.weekday.text, year: e.year.text })
const afterArb = fc.date({ min: at('1970-01-01T00:00:00Z'), max: at('2200-12-31T23:59:59Z'), noInvalidDate: true })
const MINUTE = 60_000

describe('nextCronFire properties', () => {
  test('the result is a whole minute strictly after `after` that matches every field', () => {
    fc.assert(fc.property(cronArb({ minute: 1, hour: 1, day: 2, month: 2, weekday: 2, year: 3 }), afterArb, (e, after) => {
      const r = nextCronFire(parsed(e), after)
      if (r === null) return
      assert.ok(r.getTime() > after.getTime())
      assert.equal(r.getTime() % MINUTE, 0)
      assert.ok(matches(e, r), `${r.toISOString()} does not match ${JSON.stringify(parsed(e))}`)
    }), { numRuns: 500 })
  })

  test('no matching minute lies between `after` and the result (brute force over eight days)', () => {
    const windowMs = 8 * 24 * 60 * MINUTE
    fc.assert(fc.property(cronArb({ minute: 1, hour: 2, day: 4, month: 8, weekday: 4, year: 20 }), afterArb, (e, after) => {
      const r = nextCronFire(parsed(e), after)
      const end = Math.min(r?.getTime() ?? Infinity, after.getTime() + windowMs)
      for (let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE; t < end; t += MINUTE) {
        if (matches(e, new Date(t))) assert.fail(`${new Date(t).toISOString()} matches ${JSON.stringify(parsed(e))} before ${r?.toISOString()}`)
      }
    }), { numRuns: 300 })
  })

  test('the canonical text parses back to itself', () => {
    fc.assert(fc.property(cronArb({ minute: 1, hour: 1, day: 1, month: 1, weekday: 1, year: 1 }), (e) => {
      const once = parsed(e)
      assert.deepEqual(fields({ ...once }), once)
    }), { numRuns: 500 })
  })
})
