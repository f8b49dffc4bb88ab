import { createHmac } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { queryRows } from '../../db/rows.ts'
import { partnerSecret } from '../resellers/partner-settings.ts'
import type { CallbackOutcome, CallbackState } from './callbacks.table.ts'

// The partner-callback queue (design.md "Delivery has one home in core"; spec/delacon.md §9): a
// delivery of its own kind beside the spools. Callbacks are claimed in batches with FOR UPDATE SKIP
// LOCKED under a lease (any number of dispatchers share them), each claim is handed to the
// dispatcher's HTTP sender, and what came back is recorded in one transaction per batch: the attempt
// row, and the callback's next state — `accepted` (never sent again), `queued` for the next attempt
// at its delay, or `failed` after the last. A worker that dies mid-send leaves its lease to expire;
// the reaper queues the callback again (at-least-once; the attempt that was in flight is not counted).

/** The signature header of a callback body (a project extension the partner may ignore). */
export const SIGNATURE_HEADER = 'X-Switchboard-Signature'
/** The first bytes of a reply body recorded with an attempt (spec §9). */
export const REPLY_RECORD_BYTES = 2048

export interface NewCallback {
  tenantId: number
  topic: string
  subjectId: number
  url: string
  body: string
  contentType: string
  retryDelaysSeconds: readonly number[]
}

/** Queues a callback due now on `db` (the caller's transaction: it goes only if that commits); returns its id. */
export async function enqueueCallback(db: Db, c: NewCallback, at: Date): Promise<number> {
  const [row] = await queryRows<{ id: number }>(db, sql`insert into partner_callbacks (tenant_id, topic, subject_id, url, body, content_type, status, max_attempts, retry_delays_seconds, due_at, created_at)
    values (${c.tenantId}, ${c.topic}, ${c.subjectId}, ${c.url}, ${c.body}, ${c.contentType}, 'queued', ${c.retryDelaysSeconds.length + 1},
      ${JSON.stringify(c.retryDelaysSeconds)}::jsonb, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz) returning id`)
  return row!.id
}

/** A claimed callback, ready for the HTTP sender: headers include the signature when the partner has a secret. */
export interface ClaimedCallback {
  id: number
  url: string
  body: string
  headers: Record<string, string>
  /** 1-based attempt number within its round (for logs). */
  attempt: number
  /** > 1: handed over again after a crash or an expired lease. */
  sends: number
}

/** Claims up to `limit` due callbacks for `workerId` (oldest due first) and signs their bodies. */
export async function claimDueCallbacks(core: Core, workerId: string, limit: number, leaseMs: number): Promise<ClaimedCallback[]> {
  if (limit <= 0) return []
  const now = core.now()
  const rows = await queryRows<{ id: number; tenant_id: number; url: string; body: string; content_type: string; attempts: number; sends: number }>(core.db, sql`update partner_callbacks c
    set status = 'sending', lease_until = ${new Date(now.getTime() + leaseMs).toISOString()}::timestamptz, claimed_by = ${workerId}, sends = c.sends + 1
    from (select id from partner_callbacks where status = 'queued' and due_at <= ${now.toISOString()}::timestamptz
      order by due_at, id limit ${limit} for update skip locked) due
    where c.id = due.id returning c.id, c.tenant_id, c.url, c.body, c.content_type, c.attempts, c.sends`)
  if (rows.length === 0) return []
  const tenants = [...new Set(rows.map((r) => r.tenant_id))]
  const settings = await queryRows<{ id: number; settings: Record<string, unknown> }>(core.db, sql`select id, settings from resellers where id = any(${sql.param(tenants)}::int[])`)
  const secrets = new Map(settings.map((s) => [s.id, partnerSecret(core, s.settings, 'delacon.callbackSecret')]))
  return rows.sort((a, b) => a.id - b.id).map((r) => {
    const secret = secrets.get(r.tenant_id)
    const headers: Record<string, string> = { 'content-type': r.content_type }
    if (secret) headers[SIGNATURE_HEADER] = `sha256=${createHmac('sha256', secret).update(r.body, 'utf8').digest('hex')}`
    return { id: r.id, url: r.url, body: r.body, headers, attempt: r.attempts + 1, sends: r.sends }
  })
}

/** What one HTTP attempt came to, as the sender saw it. */
export type CallbackResponse =
  | { status: number; body: string }
  | { error: string }

/** One finished attempt of a claimed callback. */
export interface CallbackResult { id: number; startedAt: Date; response: CallbackResponse }

/**
 * spec/delacon.md §9: accepted when the reply is HTTP 2xx and its body a JSON object whose `RESULT`
 * is exactly `ACCEPTED`; an answer that is not is `rejected`; no usable HTTP answer is `error`.
 */
export function callbackOutcome(response: CallbackResponse): CallbackOutcome {
  if ('error' in response) return 'error'
  if (response.status < 200 || response.status > 299) return 'rejected'
  try {
    const v = JSON.parse(response.body) as unknown
    return v !== null && typeof v === 'object' && !Array.isArray(v) && (v as { RESULT?: unknown }).RESULT === 'ACCEPTED' ? 'accepted' : 'rejected'
  } catch {
    return 'rejected'
  }
}

/** The first `REPLY_RECORD_BYTES` bytes of a body, as text (a cut multi-byte character is dropped). */
function recordedReply(body: string): string {
  const bytes = Buffer.from(body, 'utf8')
  if (bytes.length <= REPLY_RECORD_BYTES) return body
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, REPLY_RECORD_BYTES)).replace(/\uFFFD$/, '')
}

/**
 * Records finished attempts of callbacks `workerId` holds, in one transaction: each attempt row,
 * and the callback's next state. A callback the worker no longer holds (reaped after its lease
 * ran out, maybe claimed again) is left alone. Returns how many were recorded.
 */
export async function recordCallbackResults(core: Core, workerId: string, results: readonly CallbackResult[]): Promise<number> {
  if (results.length === 0) return 0
  const now = core.now()
  return core.db.transaction(async (tx) => {
    const held = await queryRows<{ id: number; url: string; round: number; attempts: number; max_attempts: number; retry_delays_seconds: number[] }>(tx, sql`select id, url, round, attempts, max_attempts, retry_delays_seconds
      from partner_callbacks where id = any(${sql.param(results.map((r) => r.id))}::int[]) and status = 'sending' and claimed_by = ${workerId}
      order by id for update`)
    const byId = new Map(held.map((h) => [h.id, h]))
    const attempts: { id: number; round: number; attempt: number; startedAt: string; url: string; status: number | null; reply: string | null; outcome: CallbackOutcome; error: string | null }[] = []
    const updates: { id: number; status: CallbackState; attempts: number; dueAt: string | null; completedAt: string | null }[] = []
    for (const r of results) {
      const h = byId.get(r.id)
      if (!h) continue
      byId.delete(r.id)
      const outcome = callbackOutcome(r.response)
      const attempt = h.attempts + 1
      attempts.push({
        id: h.id, round: h.round, attempt, startedAt: r.startedAt.toISOString(), url: h.url,
        status: 'status' in r.response ? r.response.status : null, reply: 'body' in r.response ? recordedReply(r.response.body) : null,
        outcome, error: 'error' in r.response ? r.response.error.slice(0, 500) : null,
      })
      const last = attempt >= h.max_attempts
      const delay = h.retry_delays_seconds[attempt - 1] ?? 0
      updates.push(outcome === 'accepted' || last
        ? { id: h.id, status: outcome === 'accepted' ? 'accepted' : 'failed', attempts: attempt, dueAt: null, completedAt: now.toISOString() }
        : { id: h.id, status: 'queued', attempts: attempt, dueAt: new Date(now.getTime() + delay * 1000).toISOString(), completedAt: null })
    }
    if (attempts.length === 0) return 0
    const col = <T>(pick: (a: (typeof attempts)[number]) => T) => sql.param(attempts.map(pick))
    await tx.execute(sql`insert into partner_callback_attempts (callback_id, round, attempt, started_at, url, http_status, reply, outcome, error)
      select * from unnest(${col((a) => a.id)}::int[], ${col((a) => a.round)}::int[], ${col((a) => a.attempt)}::int[], ${col((a) => a.startedAt)}::timestamptz[],
        ${col((a) => a.url)}::text[], ${col((a) => a.status)}::int[], ${col((a) => a.reply)}::text[], ${col((a) => a.outcome)}::text[], ${col((a) => a.error)}::text[])`)
    const u = <T>(pick: (a: (typeof updates)[number]) => T) => sql.param(updates.map(pick))
    await tx.execute(sql`update partner_callbacks c set status = v.status, attempts = v.attempts, due_at = v.due_at, completed_at = v.completed_at,
        lease_until = null, claimed_by = null
      from unnest(${u((x) => x.id)}::int[], ${u((x) => x.status)}::text[], ${u((x) => x.attempts)}::int[], ${u((x) => x.dueAt)}::timestamptz[],
        ${u((x) => x.completedAt)}::timestamptz[]) as v(id, status, attempts, due_at, completed_at)
      where c.id = v.id`)
    return attempts.length
  })
}

/** Returns callbacks whose sender's lease ran out (it died mid-send) to the queue, due now; returns how many. */
export async function reapExpiredCallbacks(core: Core): Promise<number> {
  const now = core.now().toISOString()
  // Looks first: an update that changes nothing still sends a change notice (waking every dispatcher).
  const [any] = await queryRows<{ id: number }>(core.db, sql`select id from partner_callbacks where status = 'sending' and lease_until < ${now}::timestamptz limit 1`)
  if (!any) return 0
  const rows = await queryRows<{ id: number }>(core.db, sql`update partner_callbacks set status = 'queued', due_at = ${now}::timestamptz, lease_until = null, claimed_by = null
    where id in (select id from partner_callbacks where status = 'sending' and lease_until < ${now}::timestamptz order by id limit 10000 for update skip locked)
    returning id`)
  return rows.length
}

/** When the next queued callback is due (ms since the epoch), or null when none is queued. Reads only. */
export async function nextCallbackDueAt(core: Core): Promise<number | null> {
  const [row] = await queryRows<{ at: string | Date | null }>(core.db, sql`select min(due_at) as at from partner_callbacks where status = 'queued'`)
  return row?.at ? new Date(row.at).getTime() : null
}

/**
 * Sends a callback whose attempts all failed again: a new round of attempts (1 to the maximum),
 * the first due now, to `url` (the partner's current URL). False when the callback is not `failed`.
 */
export async function requeueFailedCallback(db: Db, id: number, url: string, at: Date): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(db, sql`update partner_callbacks set status = 'queued', round = round + 1, attempts = 0, url = ${url},
      due_at = ${at.toISOString()}::timestamptz, completed_at = null where id = ${id} and status = 'failed' returning id`)
  return rows.length > 0
}
