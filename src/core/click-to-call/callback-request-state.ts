import { sql, type SQL } from 'drizzle-orm'
import type { SpoolStatus, TransmissionStatus } from '../transmissions/transmissions.table.ts'

/** The states of a callback request (spec/packetera.md §9), forward only. */
export type CallbackStatus = 'requested' | 'calling_member' | 'bridging' | 'completed' | 'failed'
export const CALLBACK_STATUSES: readonly CallbackStatus[] = ['requested', 'calling_member', 'bridging', 'completed', 'failed']
export type CallbackFailure = 'member_no_answer' | 'member_busy' | 'visitor_no_answer' | 'visitor_busy' | 'call_error' | 'expired'

/**
 * The `status` of callbackState in SQL, for counts (ICTCore statistics), from the transmission's
 * status and its first spool's (null when none): the same rules, so the two change together.
 */
export function callbackStatusSql(transmissionStatus: SQL, spoolStatus: SQL): SQL {
  return sql`(case when ${spoolStatus} is null then (case when ${transmissionStatus} in ('pending', 'processing') then 'requested' else 'failed' end)
    when ${spoolStatus} = 'queued' then 'requested' when ${spoolStatus} = 'started' then 'calling_member'
    when ${spoolStatus} = 'connected' then 'bridging' when ${spoolStatus} = 'completed' then 'completed' else 'failed' end)`
}

/** The response an expired request's transmission and queued spool get (the dispatcher's upkeep). */
export const EXPIRED = 'expired'

/** What the state is read from: the request's transmission and its first attempt (spool). */
export interface CallbackCalls {
  transmissionStatus: TransmissionStatus | null
  transmissionResponse: string | null
  transmissionUpdatedAt: Date | null
  spoolStatus: SpoolStatus | null
  spoolResponse: string | null
  /** The first leg answered. */
  timeConnect: Date | null
  timeEnd: Date | null
  /** When the gateway reported both legs bridged (the second leg answered). */
  bridgedAt: Date | null
}

export interface CallbackState {
  status: CallbackStatus
  failureReason: CallbackFailure | null
  memberAnsweredAt: Date | null
  visitorAnsweredAt: Date | null
  endedAt: Date | null
  /** Bridged time, whole seconds; null until the call ended bridged. */
  durationSeconds: number | null
}

/** Which failure a gateway's cause on a leg is: busy, no answer, else a call error. */
function legFailure(leg: 'member' | 'visitor', cause: string | null): CallbackFailure {
  if (cause && /busy/i.test(cause)) return `${leg}_busy`
  if (cause && /no.?answer|ring.?timeout/i.test(cause)) return `${leg}_no_answer`
  return 'call_error'
}

/**
 * A callback request's state as a pure function of its calls (spec/packetera.md §9): waiting to be
 * sent → `requested`; handed to the gateway → `calling_member`; the member answered (the attempt
 * connected) → `bridging`; the bridged call ended → `completed`. A failed attempt is the member's
 * leg's failure before it connected, the visitor's after; `expired` is the upkeep's mark. The first
 * attempt decides: a later manual retry through ICTCore does not move a request backwards.
 */
export function callbackState(c: CallbackCalls): CallbackState {
  const base = { memberAnsweredAt: c.timeConnect, visitorAnsweredAt: c.bridgedAt, endedAt: null, durationSeconds: null }
  const failed = (reason: CallbackFailure, endedAt: Date | null): CallbackState => ({ ...base, status: 'failed', failureReason: reason, endedAt })
  switch (c.spoolStatus) {
    case null:
      if (c.transmissionStatus === 'pending' || c.transmissionStatus === 'processing') return { ...base, status: 'requested', failureReason: null }
      return failed(c.transmissionResponse === EXPIRED ? 'expired' : 'call_error', c.transmissionUpdatedAt)
    case 'queued': return { ...base, status: 'requested', failureReason: null }
    case 'started': return { ...base, status: 'calling_member', failureReason: null }
    case 'connected': return { ...base, status: 'bridging', failureReason: null }
    case 'completed': {
      const from = c.bridgedAt ?? c.timeConnect
      const duration = from && c.timeEnd ? Math.max(0, Math.round((c.timeEnd.getTime() - from.getTime()) / 1000)) : 0
      return { ...base, status: 'completed', failureReason: null, endedAt: c.timeEnd, durationSeconds: duration }
    }
    case 'failed':
      if (c.spoolResponse === EXPIRED) return failed('expired', c.timeEnd)
      return failed(legFailure(c.timeConnect ? 'visitor' : 'member', c.spoolResponse), c.timeEnd)
  }
}
