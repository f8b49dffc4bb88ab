import { PROGRAM_TYPES } from '../programs/program-types.ts'
import type { ProgramType } from '../programs/programs.table.ts'
import type { SpoolStatus } from '../transmissions/transmissions.table.ts'
import type { DeliveryEvent } from './delivery-event.ts'

/**
 * The state change of one attempt (spec/ictcore.md §7.1, §7.2, §7.5) as a pure function of the
 * spool and the events reported for it: no database, no clock. recordGatewayEvents (gateway-events.ts)
 * locks the spools, calls this, and writes what it answers.
 */

export type ResultType = 'application' | 'contact' | 'message' | 'info' | 'error'

/** A result row of a spool (§7.5): `type` / `name` = `data`. */
export interface ResultRow { type: ResultType; name: string; data: string }

/** A spool as the events find it. */
export interface SpoolBefore {
  status: SpoolStatus
  /** The program it runs (null: the program is gone), whose success rule (§7.4) decides the outcome. */
  programType: ProgramType | null
  /**
   * Its result rows recorded earlier, oldest first (`application` and `info` are enough): the success
   * rule reads them with the new ones when these events end the attempt. Only needed then (mayEnd).
   */
  results: readonly ResultRow[]
}

export interface NextSpoolState {
  /**
   * The spool's new state: `connected` says these events connected it (its connect time is now).
   * Null when it was final already: a final spool never changes.
   */
  spool: { status: SpoolStatus; connected: boolean; response: string | null } | null
  /** Result rows to add, in the order of the events. */
  results: ResultRow[]
  /** These events ended the attempt (the spool was not final before and is now). */
  ended: boolean
  /**
   * How the transmission follows an attempt these events ended (§7.1): `ok` when the spool completed
   * and the success rule holds; else the failure's response. Null when the attempt goes on.
   */
  transmission: { ok: boolean; response: string | null } | null
}

const FINAL: ReadonlySet<SpoolStatus> = new Set(['completed', 'failed'])
const MAX_DATA = 255

/** Whether a spool is final (completed or failed): it never changes again. */
export function isFinal(status: SpoolStatus): boolean {
  return FINAL.has(status)
}

/** Whether these events can end an attempt (so its earlier result rows are needed). */
export function mayEnd(events: readonly DeliveryEvent[]): boolean {
  return events.some((e) => e.kind === 'completed' || e.kind === 'failed')
}

/**
 * Applies a spool's events in order (§7.2): acceptance or an answer connects it; `completed` ends it
 * `completed` from `connected`, else `failed` as not connected; `failed` ends it with the cause.
 * Events after the end are ignored, but for `info` rows (kept also on a final spool). Steps, digits, pages and failures become result rows (§7.5);
 * texts are cut to 255 characters.
 */
export function nextSpoolState(spool: SpoolBefore, events: readonly DeliveryEvent[]): NextSpoolState {
  if (FINAL.has(spool.status)) return { spool: null, results: events.flatMap(infoRow), ended: false, transmission: null }
  const results: ResultRow[] = []
  let status = spool.status
  let connected = false
  let response: string | null = null
  for (const e of events) {
    if (FINAL.has(status)) {
      // What the peer reports after the end (a delivery report of a completed SMS) is still kept.
      results.push(...infoRow(e))
      continue
    }
    switch (e.kind) {
      case 'accepted':
      case 'connected':
        if (e.kind === 'accepted' && e.response) response = e.response.slice(0, MAX_DATA)
        if (status !== 'connected') connected = true
        status = 'connected'
        break
      case 'step': results.push({ type: 'application', name: e.step.slice(0, MAX_DATA), data: e.ok ? 'success' : 'error' }); break
      case 'input': results.push({ type: 'info', name: 'dtmf', data: e.digits.slice(0, MAX_DATA) }); break
      case 'pages': results.push({ type: 'info', name: 'pages', data: String(e.pages) }); break
      case 'info': results.push(...infoRow(e)); break
      case 'completed':
        if (status === 'connected') status = 'completed'
        else {
          status = 'failed'
          response = 'not connected'
          results.push({ type: 'error', name: 'error', data: response })
        }
        break
      case 'failed':
        status = 'failed'
        response = e.cause.slice(0, MAX_DATA)
        results.push({ type: 'error', name: 'error', data: response })
        break
    }
  }
  const ended = FINAL.has(status)
  let transmission: NextSpoolState['transmission'] = null
  if (ended) {
    const ok = status === 'completed' && successRuleHolds(spool.programType, [...spool.results, ...results])
    transmission = { ok, response: ok ? null : (response ?? 'success rule not met') }
  }
  return { spool: { status, connected, response }, results, ended, transmission }
}

/** The result row of an `info` event (other events record nothing on a final spool). */
function infoRow(e: DeliveryEvent): ResultRow[] {
  return e.kind === 'info' ? [{ type: 'info', name: e.name.slice(0, MAX_DATA), data: e.data.slice(0, MAX_DATA) }] : []
}

/** §7.4 "Success rule" over a spool's result rows, oldest first. */
function successRuleHolds(type: ProgramType | null, results: readonly ResultRow[]): boolean {
  if (type === null) return true
  const app = new Map<string, string>()
  let pages = 0
  for (const r of results) {
    if (r.type === 'application') app.set(r.name, r.data)
    if (r.type === 'info' && r.name === 'pages') pages = Number(r.data) || 0
  }
  if (!PROGRAM_TYPES[type].success.every((step) => app.get(step) === 'success')) return false
  return type !== 'sendfax' || pages > 0
}
