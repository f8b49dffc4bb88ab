import { and, eq, gte, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { accounts } from '../accounts/accounts.table.ts'
import type { Actor } from '../actor.ts'
import { campaigns } from '../campaigns/campaigns.table.ts'
import { contactGroups, contacts } from '../contacts/contacts.table.ts'
import type { Core } from '../core.ts'
import { Invalid } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { spools, transmissions } from '../transmissions/transmissions.table.ts'
import { requirePermission } from '../kernel/guard.ts'
import { users } from '../users/users.table.ts'
import { queryRows } from '../../db/rows.ts'
import { callbackRequests } from '../click-to-call/click-to-call.table.ts'
import { callbackStatusSql } from '../click-to-call/callback-request-state.ts'
import { canonicalGuid } from '../click-to-call/identifiers.ts'

/** Counters of `GET /statistics` (spec/ictcore.md §10), wire-neutral names. */
export interface Statistics {
  userTotal: number
  accountTotal: number
  didTotal: number
  campaignTotal: number
  campaignActive: number
  groupTotal: number
  contactTotal: number
  transmissionTotal: number
  transmissionInbound: number
  transmissionOutbound: number
  transmissionActive: number
  spoolTotal: number
  spoolSuccess: number
  spoolFailed: number
  /** Packetera callback requests (spec/packetera.md §9) by state; `button` narrows them to one button. */
  callbackTotal: number
  callbackRequested: number
  callbackCallingMember: number
  callbackBridging: number
  callbackCompleted: number
  callbackFailed: number
}

/** Filters as received (strings); empty values are ignored; bad ones are Invalid for their name. */
export interface StatisticsQuery {
  since?: string
  serviceFlag?: string
  accountType?: string
  userId?: string
  /** A Packetera button GUID (any case): callback counts of that button only. */
  button?: string
}

const MAX_INT = 2_147_483_647
/** 9999-12-31T23:59:59Z: later instants have no ISO-8601 form PostgreSQL reads, and count nothing anyway. */
const MAX_SINCE = 253_402_300_799

function intFilter(field: string, raw: string | undefined, min = 0): number | undefined {
  if (raw === undefined || raw === '') return undefined
  if (!/^-?[0-9]{1,15}$/.test(raw) || Number(raw) < min) throw new Invalid(field, 'must be an integer')
  return Number(raw)
}

/**
 * Counts over what the actor may see (admin: the whole tenant, or one owner with `userId`;
 * others: their own objects; a non-admin naming another owner counts nothing). One statement.
 */
export async function getStatistics(core: Core, actor: Actor, query: StatisticsQuery = {}): Promise<Statistics> {
  requirePermission(actor, 'statistic_read')
  const sinceSec = intFilter('since', query.since)
  const serviceFlag = intFilter('serviceFlag', query.serviceFlag)
  const userFilter = intFilter('userId', query.userId)
  if (serviceFlag !== undefined && serviceFlag > MAX_INT) throw new Invalid('serviceFlag', 'must be an integer')
  const accountType = query.accountType === '' ? undefined : query.accountType
  if (accountType?.includes('\u0000')) throw new Invalid('accountType', 'contains a NUL character')
  const since = sinceSec === undefined ? undefined : new Date(Math.min(sinceSec, MAX_SINCE) * 1000)
  const button = query.button === undefined || query.button === '' ? undefined : canonicalGuid(query.button)
  if (button === null) throw new Invalid('button', 'is not a button GUID')

  // The owner every count is narrowed to; -1 matches nobody.
  let owner: number | undefined = actor.isAdmin ? userFilter : (actor.userId ?? -1)
  if (!actor.isAdmin && userFilter !== undefined && userFilter !== actor.userId) owner = -1
  if (owner !== undefined && owner > MAX_INT) owner = -1

  const scope = (t: { tenantId: AnyPgColumn; userId: AnyPgColumn; createdAt: AnyPgColumn }): SQL | undefined =>
    and(tenantScope(actor, t.tenantId), owner === undefined ? undefined : eq(t.userId, owner), since ? gte(t.createdAt, since) : undefined)
  const count = (from: SQL, where: (SQL | undefined)[]): SQL => sql`(select count(*)::int from ${from} where ${and(sql`true`, ...where)})`
  const flag = serviceFlag === undefined ? undefined : sql`(${transmissions.serviceFlag} & ${serviceFlag}) <> 0`
  const spoolFlag = serviceFlag === undefined ? undefined : sql`(${spools.serviceFlag} & ${serviceFlag}) <> 0`

  const userScope = and(tenantScope(actor, users.tenantId), owner === undefined ? undefined : eq(users.id, owner), since ? gte(users.createdAt, since) : undefined)
  const tx = [scope(transmissions), flag]
  const spoolFrom = sql`${spools} inner join ${transmissions} on ${transmissions.id} = ${spools.transmissionId}`
  const sp = [
    tenantScope(actor, spools.tenantId), owner === undefined ? undefined : eq(transmissions.userId, owner),
    since ? gte(spools.timeSpool, since) : undefined, spoolFlag,
  ]
  // A callback request counts as its transmission (owner, tenant, service), in the state of its first spool.
  const callbackFrom = sql`${callbackRequests} r join ${transmissions} on ${transmissions.id} = r.transmission_id
    left join lateral (select s0.status from ${spools} s0 where s0.transmission_id = r.transmission_id order by s0.id limit 1) s on true`
  const callbackCount = (status: string | undefined): SQL => count(callbackFrom, [
    tenantScope(actor, transmissions.tenantId), owner === undefined ? undefined : eq(transmissions.userId, owner), flag,
    since ? sql`r.created_at >= ${since.toISOString()}::timestamptz` : undefined, button ? sql`r.button_guid = ${button}` : undefined,
    status === undefined ? undefined : sql`${callbackStatusSql(sql`${transmissions.status}`, sql`s.status`)} = ${status}`,
  ])
  const [row] = await queryRows<Record<keyof Statistics, number | string>>(core.db, sql`select
    ${count(sql`${users}`, [userScope])} as "userTotal",
    ${count(sql`${accounts}`, [scope(accounts), accountType ? eq(accounts.type, accountType as 'did') : undefined])} as "accountTotal",
    ${count(sql`${accounts}`, [scope(accounts), eq(accounts.type, 'did')])} as "didTotal",
    ${count(sql`${campaigns}`, [scope(campaigns)])} as "campaignTotal",
    ${count(sql`${campaigns}`, [scope(campaigns), eq(campaigns.status, 'running')])} as "campaignActive",
    ${count(sql`${contactGroups}`, [scope(contactGroups)])} as "groupTotal",
    ${count(sql`${contacts}`, [scope(contacts)])} as "contactTotal",
    ${count(sql`${transmissions}`, tx)} as "transmissionTotal",
    ${count(sql`${transmissions}`, [...tx, eq(transmissions.direction, 'inbound')])} as "transmissionInbound",
    ${count(sql`${transmissions}`, [...tx, eq(transmissions.direction, 'outbound')])} as "transmissionOutbound",
    ${count(sql`${transmissions}`, [...tx, eq(transmissions.status, 'processing')])} as "transmissionActive",
    ${count(spoolFrom, sp)} as "spoolTotal",
    ${count(spoolFrom, [...sp, eq(spools.status, 'completed')])} as "spoolSuccess",
    ${count(spoolFrom, [...sp, eq(spools.status, 'failed')])} as "spoolFailed",
    ${callbackCount(undefined)} as "callbackTotal",
    ${callbackCount('requested')} as "callbackRequested",
    ${callbackCount('calling_member')} as "callbackCallingMember",
    ${callbackCount('bridging')} as "callbackBridging",
    ${callbackCount('completed')} as "callbackCompleted",
    ${callbackCount('failed')} as "callbackFailed"`)
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)])) as unknown as Statistics
}
