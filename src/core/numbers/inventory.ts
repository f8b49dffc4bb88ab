import { and, asc, count, eq, inArray, isNull, or, type SQL } from 'drizzle-orm'
import { operatorTenant, type Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { customers } from '../customers/customers.table.ts'
import { Invalid, Locked, NotFound } from '../errors.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { numberPools, trackingNumbers } from './numbers.table.ts'
import { resolvePool } from './pools.ts'

/** A tracking number as the operator sees it. */
export interface InventoryNumber {
  id: number
  number: string
  region: string
  numberType: string
  /** null: deployment-wide stock. */
  resellerId: number | null
  state: 'free' | 'allocated'
  customerId: number | null
  allocatedAt: Date | null
  createdAt: Date
}

export interface InventoryQuery extends PageRequest {
  region?: string
  numberType?: string
  state?: 'free' | 'allocated'
  /** The stock of one reseller; the platform admin only (a reseller administrator sees its own). */
  resellerId?: number
  customerId?: number
}

/**
 * What of the inventory an actor sees: everything for the platform admin; for a reseller's
 * administrator its own stock and the numbers allocated to its customers (from any stock).
 */
function inventoryScope(core: Core, actor: Actor): SQL | undefined {
  const own = operatorTenant(actor)
  if (own === null) return undefined
  const ownCustomers = core.db.select({ id: customers.id }).from(customers).where(eq(customers.tenantId, own))
  return or(eq(trackingNumbers.tenantId, own), inArray(trackingNumbers.customerId, ownCustomers))
}

const COLUMNS = {
  id: trackingNumbers.id, number: trackingNumbers.number, region: numberPools.region, numberType: numberPools.numberType,
  resellerId: trackingNumbers.tenantId, state: trackingNumbers.state, customerId: trackingNumbers.customerId,
  allocatedAt: trackingNumbers.allocatedAt, createdAt: trackingNumbers.createdAt,
}

/** A page of the number inventory by number, filtered by pool, state, reseller stock and customer. */
export async function pageInventory(core: Core, actor: Actor, query: InventoryQuery = {}): Promise<Page<InventoryNumber>> {
  const { limit, offset } = pageWindow(query)
  const conds: (SQL | undefined)[] = [inventoryScope(core, actor)]
  if ((query.region === undefined) !== (query.numberType === undefined)) {
    throw new Invalid(query.region === undefined ? 'region' : 'numberType', 'is required with ' + (query.region === undefined ? 'numberType' : 'region'), 'required')
  }
  if (query.region !== undefined && query.numberType !== undefined) {
    const { region, numberType } = resolvePool(query.region, query.numberType)
    conds.push(eq(numberPools.region, region.name), eq(numberPools.numberType, numberType.key))
  }
  if (query.state !== undefined) conds.push(eq(trackingNumbers.state, query.state))
  if (query.resellerId !== undefined) {
    if (!actor.crossTenant && query.resellerId !== actor.tenantId) throw new NotFound('Reseller', query.resellerId)
    conds.push(eq(trackingNumbers.tenantId, query.resellerId))
  }
  if (query.customerId !== undefined) conds.push(eq(trackingNumbers.customerId, query.customerId))
  const where = and(...conds.filter((c): c is SQL => c !== undefined))
  const [items, [total]] = await Promise.all([
    core.db.select(COLUMNS).from(trackingNumbers).innerJoin(numberPools, eq(numberPools.id, trackingNumbers.poolId))
      .where(where).orderBy(asc(trackingNumbers.number)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(trackingNumbers).innerJoin(numberPools, eq(numberPools.id, trackingNumbers.poolId)).where(where),
  ])
  return { items, total: total!.n }
}

/**
 * Removes a free number from the stock: the platform admin any, a reseller administrator its own
 * stock's. An allocated number stays (Locked): it is a customer's DID until released.
 */
export async function removeNumber(core: Core, actor: Actor, id: number): Promise<void> {
  const own = operatorTenant(actor)
  const owned = own === null ? undefined : eq(trackingNumbers.tenantId, own)
  const rows = await core.db.delete(trackingNumbers)
    .where(and(eq(trackingNumbers.id, id), eq(trackingNumbers.state, 'free'), isNull(trackingNumbers.customerId), owned)).returning({ id: trackingNumbers.id })
  if (rows.length) return
  const [row] = await core.db.select({ state: trackingNumbers.state, tenantId: trackingNumbers.tenantId }).from(trackingNumbers).where(eq(trackingNumbers.id, id))
  if (!row || (own !== null && row.tenantId !== own)) throw new NotFound('Number', id)
  throw new Locked('number is allocated')
}
