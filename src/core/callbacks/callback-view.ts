import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { partnerCallbackAttempts, partnerCallbacks, type CallbackOutcome } from './callbacks.table.ts'

/** One recorded attempt (spec/delacon.md §9). */
export interface CallbackAttemptView {
  round: number
  attempt: number
  startedAt: Date
  url: string
  httpStatus: number | null
  reply: string | null
  outcome: CallbackOutcome
  error: string | null
}

/** A callback as the operator sees it: `pending` while attempts remain, then `accepted` or `failed`. */
export interface CallbackView {
  status: 'pending' | 'accepted' | 'failed'
  url: string
  round: number
  /** When the next attempt is due (pending only). */
  nextAttemptAt: Date | null
  attempts: CallbackAttemptView[]
}

/** A callback with every attempt, oldest first; null when there is none. */
export async function callbackView(db: Db, id: number): Promise<CallbackView | null> {
  const [c] = await db.select().from(partnerCallbacks).where(eq(partnerCallbacks.id, id))
  if (!c) return null
  const attempts = await db.select({
    round: partnerCallbackAttempts.round, attempt: partnerCallbackAttempts.attempt, startedAt: partnerCallbackAttempts.startedAt,
    url: partnerCallbackAttempts.url, httpStatus: partnerCallbackAttempts.httpStatus, reply: partnerCallbackAttempts.reply,
    outcome: partnerCallbackAttempts.outcome, error: partnerCallbackAttempts.error,
  }).from(partnerCallbackAttempts).where(eq(partnerCallbackAttempts.callbackId, id)).orderBy(asc(partnerCallbackAttempts.id))
  const status = c.status === 'accepted' || c.status === 'failed' ? c.status : 'pending'
  return { status, url: c.url, round: c.round, nextAttemptAt: c.status === 'queued' ? c.dueAt : null, attempts }
}
