import { randomUUID } from 'node:crypto'
import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { inTransaction, type Core } from '../core.ts'
import { findOrCreateContact } from '../contacts/contacts.ts'
import { NotFound } from '../errors.ts'
import { PAGE_MAX, type Page, type PageRequest } from '../kernel/pages.ts'
import { insertProgram } from '../programs/programs.ts'
import { programs } from '../programs/programs.table.ts'
import { PROGRAM_TYPES } from '../programs/program-types.ts'
import { transmissions } from '../transmissions/transmissions.table.ts'
import { users } from '../users/users.table.ts'
import { queryRows } from '../../db/rows.ts'
import { callbackState, EXPIRED, type CallbackState, type CallbackStatus } from './callback-request-state.ts'
import { callbackRequests } from './click-to-call.table.ts'
import { getMember } from './members.ts'
import { checkVisitorName, visitorPhone } from './visitor-input.ts'
import type { PublicButton } from './public-buttons.ts'

/** Limits of callback submissions (spec/packetera.md §9 "Rate limits") and the expiry of a request. */
export interface CallbackPolicy {
  perAddress: { max: number; windowMs: number }
  perButton: { max: number; windowMs: number }
  /** A request still `requested` this long after creation fails `expired`. */
  expiryMs: number
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = {
  perAddress: { max: 5, windowMs: 15 * 60_000 },
  perButton: { max: 20, windowMs: 60 * 60_000 },
  expiryMs: 10 * 60_000,
}

/** A website visitor's submission. */
export interface CallbackSubmission {
  phone: string | undefined
  name: string | undefined
  visitorIp: string
  userAgent: string | null
}

export type SubmitOutcome =
  | { kind: 'created'; requestId: string; visitorPhone: string }
  | { kind: 'limited'; retryAfterSeconds: number }
  | { kind: 'in_progress'; requestId: string }

/** A callback request as its member's partner sees it (spec/packetera.md §9 "Record"). */
export interface CallbackRequestView extends CallbackState {
  requestId: string
  buttonGuid: string
  memberId: number
  memberPhone: string
  visitorPhone: string
  visitorName: string | null
  visitorIp: string
  userAgent: string | null
  transmissionId: number
  createdAt: Date
}

/**
 * The seconds until the request that keeps a window full leaves it (rounded up), or null when the
 * window has room. Only created requests count (they are the rows).
 */
async function windowWait(core: Core, where: SQL, limit: { max: number; windowMs: number }, now: Date): Promise<number | null> {
  if (limit.max <= 0) return null
  const since = new Date(now.getTime() - limit.windowMs)
  const rows = await core.db.select({ at: callbackRequests.createdAt }).from(callbackRequests)
    .where(and(where, sql`${callbackRequests.createdAt} > ${since.toISOString()}::timestamptz`))
    .orderBy(sql`${callbackRequests.createdAt} desc`).limit(limit.max)
  if (rows.length < limit.max) return null
  const leaving = rows[rows.length - 1]!.at.getTime() + limit.windowMs
  return Math.max(1, Math.ceil((leaving - now.getTime()) / 1000))
}

/** Whether the transmission of a request can still call (not ended, not past its expiry). */
const LIVE = sql`t.status in ('pending', 'processing') and not (t.status = 'pending' and r.expires_at <= now())`

/**
 * Creates a callback request for a public button (spec/packetera.md §9), checking in order: the
 * rate limits (outcome `limited`), the phone and name (Invalid 'phone' / 'name'), a live request of
 * the same button for the same number (`in_progress`). The request's calls are one transmission of
 * the member's `callback` program (member leg, announcement, visitor leg, bridge), owned by the
 * member's login user, due now: the dispatcher sends it like any other.
 */
export async function submitCallbackRequest(core: Core, button: PublicButton, input: CallbackSubmission, policy: CallbackPolicy = DEFAULT_CALLBACK_POLICY): Promise<SubmitOutcome> {
  const now = core.now()
  const waits = [
    await windowWait(core, eq(callbackRequests.visitorIp, input.visitorIp), policy.perAddress, now),
    await windowWait(core, eq(callbackRequests.buttonGuid, button.guid), policy.perButton, now),
  ].filter((w): w is number => w !== null)
  if (waits.length > 0) return { kind: 'limited', retryAfterSeconds: Math.max(...waits) }
  const phone = visitorPhone(input.phone)
  const name = checkVisitorName(input.name)
  const [live] = await queryRows<{ id: string }>(core.db, sql`select r.id from callback_requests r join transmissions t on t.id = r.transmission_id
    where r.button_guid = ${button.guid} and r.visitor_phone = ${phone} and ${LIVE} order by r.created_at desc limit 1`)
  if (live) return { kind: 'in_progress', requestId: live.id }
  const requestId = randomUUID()
  await inTransaction(core, async (tx) => {
    const actor = await memberActor(tx, button)
    const programId = await callbackProgram(tx, actor)
    const contact = await findOrCreateContact(tx.db, actor, { phone })
    const [t] = await tx.db.insert(transmissions).values({
      tenantId: button.tenantId, userId: actor.userId, title: `Website callback ${name ?? phone}`.slice(0, 255), origin: 'packetera',
      contactId: contact.id, accountId: button.phoneAccountId, programId, serviceFlag: PROGRAM_TYPES.callback.serviceFlag,
      direction: 'outbound', tryAllowed: 1, nextRun: now,
    }).returning({ id: transmissions.id })
    await tx.db.insert(callbackRequests).values({
      id: requestId, tenantId: button.tenantId, customerId: button.customerId, buttonGuid: button.guid, memberPhone: button.phoneNumber,
      visitorPhone: phone, visitorName: name, visitorIp: input.visitorIp, userAgent: input.userAgent?.slice(0, 500) ?? null,
      transmissionId: t!.id, expiresAt: new Date(now.getTime() + policy.expiryMs), createdAt: now,
    })
  })
  return { kind: 'created', requestId, visitorPhone: phone }
}

/** The member's login user as the owner of its callbacks' program, contacts and transmissions. */
async function memberActor(core: Core, button: PublicButton): Promise<Actor> {
  const [u] = await core.db.select({ id: users.id }).from(users).where(eq(users.customerId, button.customerId)).orderBy(asc(users.id)).limit(1)
  if (!u) throw new NotFound('Button', button.guid)
  return { tenantId: button.tenantId, userId: u.id, resellerId: null, isAdmin: false, crossTenant: false, permissions: new Set(['*']) }
}

/** The member's `callback` program (made on first use). */
async function callbackProgram(core: Core, actor: Actor): Promise<number> {
  const [p] = await core.db.select({ id: programs.id }).from(programs)
    .where(and(eq(programs.userId, actor.userId!), eq(programs.type, 'callback'))).orderBy(asc(programs.id)).limit(1)
  if (p) return p.id
  return insertProgram(core.db, { tenantId: actor.tenantId, userId: actor.userId, name: 'Website callback', type: 'callback', parentId: null, accountId: null, params: {} })
}

interface ViewRow {
  id: string
  button_guid: string
  customer_id: number
  member_phone: string
  visitor_phone: string
  visitor_name: string | null
  visitor_ip: string
  user_agent: string | null
  transmission_id: number
  created_at: string | Date
  t_status: CallbackCallsRow['t_status']
  t_response: string | null
  t_updated_at: string | Date | null
  s_status: CallbackCallsRow['s_status']
  s_response: string | null
  time_connect: string | Date | null
  time_end: string | Date | null
  bridged_at: string | Date | null
}
type CallbackCallsRow = { t_status: Parameters<typeof callbackState>[0]['transmissionStatus']; s_status: Parameters<typeof callbackState>[0]['spoolStatus'] }

const date = (v: string | Date | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v))

/** Requests with their calls' state columns (first spool, its `bridged` report). */
function selectViews(where: SQL, tail: SQL = sql``): SQL {
  return sql`select r.id, r.button_guid, r.customer_id, r.member_phone, r.visitor_phone, r.visitor_name, r.visitor_ip, r.user_agent,
      r.transmission_id, r.created_at, t.status as t_status, t.response as t_response, t.updated_at as t_updated_at,
      s.status as s_status, s.response as s_response, s.time_connect, s.time_end,
      (select min(sr.created_at) from spool_results sr where sr.spool_id = s.id and sr.type = 'info' and sr.name = 'delivery_state' and sr.data = 'bridged') as bridged_at
    from callback_requests r left join transmissions t on t.id = r.transmission_id
    left join lateral (select * from spools s0 where s0.transmission_id = r.transmission_id order by s0.id limit 1) s on true
    where ${where} ${tail}`
}

function toView(r: ViewRow): CallbackRequestView {
  const state = callbackState({
    transmissionStatus: r.t_status, transmissionResponse: r.t_response, transmissionUpdatedAt: date(r.t_updated_at),
    spoolStatus: r.s_status, spoolResponse: r.s_response, timeConnect: date(r.time_connect), timeEnd: date(r.time_end), bridgedAt: date(r.bridged_at),
  })
  return {
    requestId: r.id, buttonGuid: r.button_guid, memberId: r.customer_id, memberPhone: r.member_phone, visitorPhone: r.visitor_phone,
    visitorName: r.visitor_name, visitorIp: r.visitor_ip, userAgent: r.user_agent, transmissionId: r.transmission_id, createdAt: date(r.created_at)!, ...state,
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * A request by its id, for the public status JSON (spec/packetera.md §8): the id is the
 * capability, so no actor. Unknown or malformed → NotFound('Callback request').
 */
export async function callbackRequestById(core: Core, requestId: string): Promise<CallbackRequestView> {
  if (!UUID.test(requestId)) throw new NotFound('Callback request', requestId)
  const [row] = await queryRows<ViewRow>(core.db, selectViews(sql`r.id = ${requestId}`))
  if (!row) throw new NotFound('Callback request', requestId)
  return toView(row)
}

/** One request of a member of the actor's tenant; another tenant's → NotFound. */
export async function getCallbackRequest(core: Core, actor: Actor, requestId: string): Promise<CallbackRequestView> {
  if (!UUID.test(requestId)) throw new NotFound('Callback request', requestId)
  const [row] = await queryRows<ViewRow>(core.db, selectViews(and(sql`r.id = ${requestId}`, tenantWhere(actor))!))
  if (!row) throw new NotFound('Callback request', requestId)
  return toView(row)
}

function tenantWhere(actor: Actor): SQL | undefined {
  if (actor.crossTenant) return undefined
  return actor.tenantId === null ? sql`false` : sql`r.tenant_id = ${actor.tenantId}`
}

/**
 * A member of the actor's tenant's requests, newest first, optionally of one status, paged (limit
 * 1–500, default 50). Another tenant's member → NotFound('Member'). The status is derived from the
 * calls (callback-request-state.ts), so it is filtered once worked out.
 */
export async function listCallbackRequests(core: Core, actor: Actor, customerId: number, opts: { status?: CallbackStatus } & PageRequest = {}): Promise<Page<CallbackRequestView>> {
  await getMember(core, actor, customerId)
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), PAGE_MAX)
  const offset = Math.max(opts.offset ?? 0, 0)
  const rows = await queryRows<ViewRow>(core.db, selectViews(and(sql`r.customer_id = ${customerId}`, tenantWhere(actor))!, sql`order by r.created_at desc, r.id desc`))
  const views = rows.map(toView).filter((v) => opts.status === undefined || v.status === opts.status)
  return { items: views.slice(offset, offset + limit), total: views.length }
}

/**
 * Fails the requests still `requested` past their expiry (spec/packetera.md §9 `expired`): their
 * queued attempt and their transmission end `failed` with response `expired`, so they are never
 * dialled. Requests already handed to a gateway are left alone. Returns how many expired.
 */
export async function expireCallbackRequests(core: Core): Promise<number> {
  const now = core.now().toISOString()
  return core.db.transaction(async (tx) => {
    const due = await queryRows<{ id: number }>(tx, sql`select t.id from callback_requests r join transmissions t on t.id = r.transmission_id
      where r.expires_at <= ${now}::timestamptz and t.status in ('pending', 'processing')
      order by t.id limit 500 for update of t skip locked`)
    if (due.length === 0) return 0
    const ids = due.map((d) => d.id)
    await tx.execute(sql`update spools set status = 'failed', response = ${EXPIRED}, time_end = ${now}::timestamptz, lease_until = null
      where transmission_id = any(${sql.param(ids)}::int[]) and status = 'queued'`)
    const expired = await queryRows<{ id: number }>(tx, sql`update transmissions t set status = 'failed', response = ${EXPIRED}, next_run = null, updated_at = ${now}::timestamptz
      where t.id = any(${sql.param(ids)}::int[])
        and not exists (select 1 from spools s where s.transmission_id = t.id and s.status in ('started', 'connected', 'completed'))
      returning t.id`)
    return expired.length
  })
}
