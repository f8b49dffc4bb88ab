import { and, asc, desc, eq, getTableColumns, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { NotFound } from '../errors.ts'
import { refuseNul } from '../programs/programs.ts'
import { bitmask } from '../providers/providers.ts'
import { requirePermission } from '../kernel/guard.ts'
import { listWindow, type FilterSpec, type ListQuery } from '../kernel/list-filter.ts'
import { findVisibleTransmission, LIST_LIMIT, transmissionScope } from './transmissions.ts'
import { spoolResults, spools, transmissions, type SpoolStatus } from './transmissions.table.ts'
import { validId } from '../kernel/ids.ts'

/** A spool (attempt) as shown (§5.10): `amount` = seconds connected. */
export type SpoolView = typeof spools.$inferSelect & { amount: number }
export type SpoolResult = typeof spoolResults.$inferSelect


const spoolFilters: FilterSpec = {
  exact: {
    id: { column: spools.id, kind: 'int' }, transmissionId: { column: spools.transmissionId, kind: 'int' },
    accountId: { column: spools.accountId, kind: 'int' }, providerId: { column: spools.providerId, kind: 'int' },
    status: { column: spools.status, kind: 'enum' },
  },
  text: { response: spools.response },
  created: spools.timeSpool,
}

const resultFilters: FilterSpec = {
  exact: {
    id: { column: spoolResults.id, kind: 'int' }, spoolId: { column: spoolResults.spoolId, kind: 'int' },
    type: { column: spoolResults.type, kind: 'enum' }, name: { column: spoolResults.name, kind: 'enum' },
  },
  text: { data: spoolResults.data },
  created: spoolResults.createdAt,
}

const toView = (s: typeof spools.$inferSelect): SpoolView => ({
  ...s,
  amount: s.timeEnd && s.timeConnect ? Math.max(0, Math.floor((s.timeEnd.getTime() - s.timeConnect.getTime()) / 1000)) : 0,
})

/** Spools are visible through their transmission (owner and tenant, §2.4). */
function spoolQuery(core: Core, actor: Actor, where: (SQL | undefined)[]) {
  return core.db.select(getTableColumns(spools)).from(spools).innerJoin(transmissions, eq(transmissions.id, spools.transmissionId))
    .where(and(transmissionScope(actor), ...where))
}

function spoolWindow(query: ListQuery) {
  const { serviceFlag, ...rest } = refuseNul(query).filters ?? {}
  const w = listWindow(spoolFilters, { ...query, filters: rest }, { limit: LIST_LIMIT, max: LIST_LIMIT })
  return { ...w, flag: bitmask('serviceFlag', serviceFlag, spools.serviceFlag) }
}

/** `GET /spools`: visible spools, newest first (§6). */
export async function listSpools(core: Core, actor: Actor, query: ListQuery = {}): Promise<SpoolView[]> {
  requirePermission(actor, 'spool_list')
  const w = spoolWindow(query)
  const rows = await spoolQuery(core, actor, [w.where, w.flag]).orderBy(desc(spools.id)).limit(w.limit ?? LIST_LIMIT).offset(w.offset)
  return rows.map(toView)
}

/** `GET /transmissions/{id}/detail`: the transmission's spools, oldest attempt first. */
export async function listTransmissionSpools(core: Core, actor: Actor, transmissionId: number, query: ListQuery = {}): Promise<SpoolView[]> {
  requirePermission(actor, 'transmission_read')
  await findVisibleTransmission(core.db, actor, transmissionId)
  const w = spoolWindow(query)
  const rows = await spoolQuery(core, actor, [eq(spools.transmissionId, transmissionId), w.where, w.flag])
    .orderBy(asc(spools.id)).limit(w.limit ?? LIST_LIMIT).offset(w.offset)
  return rows.map(toView)
}

export async function getSpool(core: Core, actor: Actor, id: number): Promise<SpoolView> {
  requirePermission(actor, 'spool_read')
  if (!validId(id)) throw new NotFound('Spool', id)
  const [row] = await spoolQuery(core, actor, [eq(spools.id, id)]).limit(1)
  if (!row) throw new NotFound('Spool', id)
  return toView(row)
}

export async function spoolStatus(core: Core, actor: Actor, id: number): Promise<SpoolStatus> {
  return (await getSpool(core, actor, id)).status
}

async function resultsOf(core: Core, spoolId: number, query: ListQuery): Promise<SpoolResult[]> {
  const w = listWindow(resultFilters, refuseNul(query))
  const q = core.db.select().from(spoolResults).where(and(eq(spoolResults.spoolId, spoolId), w.where)).orderBy(asc(spoolResults.id)).offset(w.offset)
  return w.limit === undefined ? q : q.limit(w.limit)
}

/** `GET /spools/{id}/result`: the spool's result rows (§5.11), filtered. */
export async function listSpoolResults(core: Core, actor: Actor, spoolId: number, query: ListQuery = {}): Promise<SpoolResult[]> {
  requirePermission(actor, 'spool_read')
  await getSpool(core, actor, spoolId)
  return resultsOf(core, spoolId, query)
}

/** `GET /transmissions/{id}/result`: result rows of the latest spool, `[]` when none. */
export async function listTransmissionResults(core: Core, actor: Actor, transmissionId: number, query: ListQuery = {}): Promise<SpoolResult[]> {
  requirePermission(actor, 'transmission_read')
  await findVisibleTransmission(core.db, actor, transmissionId)
  const [latest] = await core.db.select({ id: spools.id }).from(spools).where(eq(spools.transmissionId, transmissionId)).orderBy(desc(spools.id)).limit(1)
  return latest ? resultsOf(core, latest.id, query) : []
}
