import { and, asc, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { NotFound } from '../errors.ts'
import { trackingNumbers } from '../numbers/numbers.table.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { numberOrderNumbers, numberOrders } from './call-tracking.table.ts'
import { validId } from '../kernel/ids.ts'

export type NumberOrder = typeof numberOrders.$inferSelect

/** One order of the actor's tenant with its numbers (ascending); NotFound otherwise. */
export async function getOrder(core: Core, actor: Actor, id: number): Promise<NumberOrder & { numbers: string[] }> {
  if (!validId(id)) throw new NotFound('Order', id)
  const [order] = await core.db.select().from(numberOrders).where(and(eq(numberOrders.id, id), tenantScope(actor, numberOrders.tenantId)))
  if (!order) throw new NotFound('Order', id)
  const rows = await core.db.select({ number: trackingNumbers.number }).from(numberOrderNumbers)
    .innerJoin(trackingNumbers, eq(trackingNumbers.id, numberOrderNumbers.numberId))
    .where(eq(numberOrderNumbers.orderId, id)).orderBy(asc(sql`${trackingNumbers.number} collate "C"`))
  return { ...order, numbers: rows.map((r) => r.number) }
}
