import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Forbidden, Invalid } from '../errors.ts'
import type { Db } from '../../db/client.ts'
import { findNumberType, findRegion, type NumberType, type Region } from './catalogue.ts'
import { numberPools, trackingNumbers } from './numbers.table.ts'

export type NumberPool = typeof numberPools.$inferSelect

/** A catalogue pool: the region (any §7 form) and number-type key, resolved or Invalid. */
export function resolvePool(region: string, numberType: string): { region: Region; numberType: NumberType } {
  const r = findRegion(region ?? '')
  if (!r) throw new Invalid('region', 'is invalid')
  const nt = findNumberType(r, numberType ?? '')
  if (!nt) throw new Invalid('numberType', `is invalid for region ${r.name}`)
  return { region: r, numberType: nt }
}

/**
 * The pool row of (region name, type key), created on first use, locked FOR UPDATE until the
 * transaction ends: allocation, fulfilment and stock additions of one pool are serialised by it.
 */
export async function lockPool(tx: Db, region: string, numberType: string): Promise<NumberPool> {
  await tx.insert(numberPools).values({ region, numberType }).onConflictDoNothing()
  const [pool] = await tx.select().from(numberPools)
    .where(and(eq(numberPools.region, region), eq(numberPools.numberType, numberType))).for('update')
  return pool!
}

/** Locks a pool by id (see lockPool). */
export async function lockPoolById(tx: Db, poolId: number): Promise<NumberPool> {
  const [pool] = await tx.select().from(numberPools).where(eq(numberPools.id, poolId)).for('update')
  return pool!
}

/** Sets a pool's backorder flag (operator only): whether shortages wait for stock or fail at once. */
export async function setPoolBackorder(core: Core, actor: Actor, input: { region: string; numberType: string; backorder: boolean }): Promise<NumberPool> {
  if (!actor.crossTenant) throw new Forbidden('numbers_pool')
  const { region, numberType } = resolvePool(input.region, input.numberType)
  return core.db.transaction(async (tx) => {
    await lockPool(tx, region.name, numberType.key)
    const [pool] = await tx.update(numberPools).set({ backorder: input.backorder })
      .where(and(eq(numberPools.region, region.name), eq(numberPools.numberType, numberType.key))).returning()
    return pool!
  })
}

/** Free / allocated counts of a pool as the actor sees it (its own stock plus deployment-wide stock). */
export async function poolLevels(core: Core, actor: Actor, input: { region: string; numberType: string }): Promise<{ free: number; allocated: number }> {
  const { region, numberType } = resolvePool(input.region, input.numberType)
  const n = trackingNumbers
  const scope = actor.crossTenant ? undefined : actor.tenantId === null ? isNull(n.tenantId) : or(isNull(n.tenantId), eq(n.tenantId, actor.tenantId))
  const [row] = await core.db.select({
    free: sql<number>`(count(*) filter (where ${n.state} = 'free'))::int`,
    allocated: sql<number>`(count(*) filter (where ${n.state} = 'allocated'))::int`,
  }).from(n).innerJoin(numberPools, eq(numberPools.id, n.poolId))
    .where(and(eq(numberPools.region, region.name), eq(numberPools.numberType, numberType.key), scope))
  return { free: Number(row?.free ?? 0), allocated: Number(row?.allocated ?? 0) }
}
