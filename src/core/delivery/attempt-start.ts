import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import type { ProgramParams, ProgramType } from '../programs/programs.table.ts'
import { BUILTIN_SANDBOX_PROVIDER_ID, EMAIL_SERVICE } from '../notifications/notifications.ts'
import { routeProvider } from '../providers/providers.ts'
import { DEFAULT_MAIL_TRANSPORT_ID } from './mail-transport.ts'
import { schedules } from '../schedules/schedules.table.ts'
import type { Db } from '../../db/client.ts'
import { queryRows } from '../../db/rows.ts'

/** What happened to one transmission asked to start an attempt. */
export type StartOutcome =
  | { kind: 'started'; spoolId: number }
  | { kind: 'invalid'; field: string; reason: string }
  | { kind: 'no_provider' }

interface StartRow {
  id: number
  tenant_id: number | null
  service_flag: number
  program_id: number | null
  program_type: ProgramType | null
  params: ProgramParams | null
  contact_phone: string | null
  contact_email: string | null
  contact_found: number | null
  account_found: number | null
  /** A system notification: its own recipient and text (core/notifications). */
  notification: { to: string } | null
}

/** Message kinds a program type needs, and the parameter naming it (§7.1 check 1). */
const NEEDS: Partial<Record<ProgramType, { field: 'documentId' | 'recordingId' | 'textId' | 'templateId'; media: boolean }>> = {
  sendfax: { field: 'documentId', media: true },
  voicemessage: { field: 'recordingId', media: true },
  sendsms: { field: 'textId', media: false },
  sendemail: { field: 'templateId', media: false },
}

const EMAIL = 8

/** Ids of rows of a message table that exist (and, for media kinds, have at least one file). */
async function usableMessages(db: Db, table: 'documents' | 'recordings' | 'texts' | 'templates', ids: number[], media: boolean): Promise<Set<number>> {
  if (ids.length === 0) return new Set()
  const rows = await queryRows<{ id: number }>(db, sql`select id from ${sql.identifier(table)} where id = any(${sql.param(ids)}::int[]) ${media ? sql`and parts > 0` : sql``}`)
  return new Set(rows.map((r) => r.id))
}

/** The first failed data check of §7.1 (1), or null when the transmission can be sent. */
function dataProblem(row: StartRow, usable: Map<string, Set<number>>): { field: string; reason: string } | null {
  // A notification carries its recipient and text itself (checked when it was made).
  if (row.notification) return null
  if (row.program_id === null || row.program_type === null) return { field: 'programId', reason: 'program not found' }
  const type = row.program_type
  const params = row.params ?? {}
  const need = NEEDS[type]
  if (need) {
    const id = params[need.field]
    if (id === undefined || !usable.get(need.field)!.has(id)) {
      return { field: need.field, reason: need.media ? `${need.field === 'documentId' ? 'document' : 'recording'} not found or without media` : `${need.field === 'textId' ? 'text' : 'template'} not found` }
    }
  }
  if (type === 'voicetts' && !params.text && (params.textId === undefined || !usable.get('textId')!.has(params.textId))) return { field: 'textId', reason: 'text not found' }
  if (row.contact_found === null) return { field: 'contactId', reason: 'contact not found' }
  if ((row.service_flag & EMAIL) !== 0 ? !row.contact_email : !row.contact_phone) {
    return { field: 'contactId', reason: (row.service_flag & EMAIL) !== 0 ? 'contact has no email' : 'contact has no phone' }
  }
  if (row.account_found === null) return { field: 'accountId', reason: 'account not found' }
  return null
}

/**
 * Where a system notification goes (core/notifications): the tenant's email provider, else the
 * platform's, else the server's default mail transport (SMTP_URL) when there is one, else the
 * built-in sandbox (recorded, never lost for want of a provider).
 */
async function notificationRoute(core: Core, tenantId: number | null, db: Db): Promise<{ id: number }> {
  return (tenantId !== null ? await routeProvider(core, tenantId, EMAIL_SERVICE, db) : null)
    ?? await routeProvider(core, null, EMAIL_SERVICE, db) ?? { id: core.mailTransport ? DEFAULT_MAIL_TRANSPORT_ID : BUILTIN_SANDBOX_PROVIDER_ID }
}

/**
 * Where a send goes (§7.1 routing): the tenant's provider; email with no email provider goes
 * through the server's default mail transport (spec/gateways.md §4 SMTP_URL; the attempt fails
 * `no mail transport` when it is unset). Null: no provider (404 `No provider available`).
 */
async function sendRoute(core: Core, tenantId: number | null, serviceFlag: number, db: Db): Promise<{ id: number } | null> {
  const routed = await routeProvider(core, tenantId, serviceFlag, db)
  if (routed || (serviceFlag & EMAIL) === 0) return routed
  return { id: DEFAULT_MAIL_TRANSPORT_ID }
}

/**
 * Starts one attempt for each given transmission (§7.1 send), set-based for the dispatcher's
 * batches. The caller holds the rows' locks and has checked their state. Checks in order: data
 * (failure → `invalid`, response = reason), route (none → `no_provider`; an automatic send is
 * pushed back by the retry delay), then a `queued` spool per transmission, which becomes
 * `processing`. `slots` gives each spool's due time (pacing), default now.
 */
export async function startAttempts(core: Core, db: Db, ids: readonly number[], opts: { now: Date; automatic: boolean; slots?: readonly Date[] }): Promise<Map<number, StartOutcome>> {
  const out = new Map<number, StartOutcome>()
  if (ids.length === 0) return out
  const rows = await queryRows<StartRow>(db, sql`select t.id, t.tenant_id, t.service_flag, t.program_id, p.type as program_type, p.params,
      c.phone as contact_phone, c.email as contact_email, c.id as contact_found, a.id as account_found, t.notification
    from transmissions t left join programs p on p.id = t.program_id left join contacts c on c.id = t.contact_id
    left join accounts a on a.id = t.account_id
    where t.id = any(${sql.param([...ids])}::int[]) order by t.id`)
  const wanted = new Map<string, number[]>([['documentId', []], ['recordingId', []], ['textId', []], ['templateId', []]])
  for (const r of rows) {
    for (const key of wanted.keys()) {
      const v = (r.params ?? {})[key as keyof ProgramParams]
      if (typeof v === 'number') wanted.get(key)!.push(v)
    }
  }
  const usable = new Map<string, Set<number>>([
    ['documentId', await usableMessages(db, 'documents', wanted.get('documentId')!, true)],
    ['recordingId', await usableMessages(db, 'recordings', wanted.get('recordingId')!, true)],
    ['textId', await usableMessages(db, 'texts', wanted.get('textId')!, false)],
    ['templateId', await usableMessages(db, 'templates', wanted.get('templateId')!, false)],
  ])
  const invalid: { id: number; reason: string }[] = []
  const routes = new Map<string, { id: number } | null>()
  const starts: { row: StartRow; provider: { id: number }; slot: Date }[] = []
  const noRoute: number[] = []
  for (const row of rows) {
    const problem = dataProblem(row, usable)
    if (problem) {
      invalid.push({ id: row.id, reason: problem.reason })
      out.set(row.id, { kind: 'invalid', ...problem })
      continue
    }
    const key = `${row.notification ? 'n' : ''}${row.tenant_id ?? 0}:${row.service_flag}`
    if (!routes.has(key)) routes.set(key, row.notification ? await notificationRoute(core, row.tenant_id, db) : await sendRoute(core, row.tenant_id, row.service_flag, db))
    const provider = routes.get(key)
    if (!provider) {
      noRoute.push(row.id)
      out.set(row.id, { kind: 'no_provider' })
      continue
    }
    starts.push({ row, provider, slot: opts.slots?.[starts.length] ?? opts.now })
  }
  const now = opts.now.toISOString()
  if (invalid.length > 0) {
    await db.execute(sql`update transmissions t set status = 'invalid', response = v.reason, next_run = null, updated_at = ${now}::timestamptz
      from unnest(${sql.param(invalid.map((i) => i.id))}::int[], ${sql.param(invalid.map((i) => i.reason))}::text[]) as v(id, reason)
      where t.id = v.id`)
  }
  if (noRoute.length > 0 && opts.automatic) {
    const later = new Date(opts.now.getTime() + core.timing.retryDelayMs).toISOString()
    await db.execute(sql`update transmissions set next_run = ${later}::timestamptz, updated_at = ${now}::timestamptz where id = any(${sql.param(noRoute)}::int[])`)
  }
  if (starts.length > 0) {
    const startIds = starts.map((s) => s.row.id)
    await db.execute(sql`update transmissions set status = 'processing', try_done = try_done + 1, try_allowed = greatest(try_allowed, try_done + 1),
      last_run = ${now}::timestamptz, next_run = null, response = null, updated_at = ${now}::timestamptz where id = any(${sql.param(startIds)}::int[])`)
    await db.delete(schedules).where(and(eq(schedules.action, 'transmission_send'), inArray(schedules.targetId, startIds)))
    const spoolRows = await queryRows<{ id: number; transmission_id: number }>(db, sql`insert into spools (tenant_id, transmission_id, status, time_spool, service_flag, provider_id, account_id)
      select v.tenant_id, v.transmission_id, 'queued', v.time_spool, v.service_flag, v.provider_id, t.account_id
      from unnest(${sql.param(starts.map((s) => s.row.tenant_id))}::int[], ${sql.param(startIds)}::int[], ${sql.param(starts.map((s) => s.slot.toISOString()))}::timestamptz[],
        ${sql.param(starts.map((s) => s.row.service_flag))}::int[], ${sql.param(starts.map((s) => s.provider.id))}::int[]) as v(tenant_id, transmission_id, time_spool, service_flag, provider_id)
      join transmissions t on t.id = v.transmission_id
      returning id, transmission_id`)
    for (const s of spoolRows) out.set(s.transmission_id, { kind: 'started', spoolId: s.id })
  }
  return out
}

/**
 * Sends standalone `pending` transmissions whose `next_run` is due (retries and schedules, §7.1),
 * oldest due first, up to `limit` (SKIP LOCKED: processes share the work). Returns how many were looked at.
 */
export async function sendDueTransmissions(core: Core, limit: number): Promise<number> {
  const now = core.now()
  return core.db.transaction(async (tx) => {
    const due = await queryRows<{ id: number }>(tx, sql`select id from transmissions
      where status = 'pending' and campaign_id is null and next_run <= ${now.toISOString()}::timestamptz
      order by next_run, id limit ${limit} for update skip locked`)
    await startAttempts(core, tx, due.map((d) => d.id), { now, automatic: true })
    return due.length
  })
}
