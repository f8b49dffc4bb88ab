import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { allocateNumbers, lowestFreeNumbers } from '../numbers/allocation.ts'
import { readPartnerSettings } from '../resellers/partner-settings.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { callTrackingCompanies, numberOrderNumbers, numberOrders } from './call-tracking.table.ts'

/**
 * Gives an order its numbers: allocates them to the company (each becomes a DID account of it),
 * links them to the order, and makes the first one the company's primary number if it has none yet.
 */
export async function fillOrder(tx: Db, order: { id: number; tenantId: number; customerId: number }, numbers: { id: number; number: string }[], at: Date): Promise<void> {
  await allocateNumbers(tx, numbers, { customerId: order.customerId, tenantId: order.tenantId }, at)
  await tx.insert(numberOrderNumbers).values(numbers.map((n) => ({ orderId: order.id, numberId: n.id, tenantId: order.tenantId })))
  await tx.update(callTrackingCompanies).set({ primaryNumber: numbers[0]!.number, updatedAt: at })
    .where(and(eq(callTrackingCompanies.customerId, order.customerId), isNull(callTrackingCompanies.primaryNumber)))
}

/** The partner's post-provisioning URL, if it has a usable (http/https) one. */
export async function callbackUrlOf(tx: Db, resellerId: number): Promise<string | null> {
  const [r] = await tx.select({ settings: resellers.settings }).from(resellers).where(eq(resellers.id, resellerId))
  return readPartnerSettings(r?.settings)['delacon.callbackUrl']
}

/**
 * Serves a pool's WAIT orders oldest first, each only in full, stopping at the first that cannot be
 * filled (spec/delacon.md §5 "Fulfilment"). Call with the pool row locked. A completed order's
 * callback becomes `pending` when its partner has a post-provisioning URL (delivery: later issue).
 * Returns the ids of the orders completed.
 */
export async function serveWaitingOrders(tx: Db, poolId: number, at: Date): Promise<number[]> {
  const waiting = await tx.select().from(numberOrders)
    .where(and(eq(numberOrders.poolId, poolId), eq(numberOrders.status, 'WAIT'))).orderBy(asc(numberOrders.id))
  const served: number[] = []
  for (const order of waiting) {
    const free = await lowestFreeNumbers(tx, poolId, order.tenantId, order.quantity)
    if (free.length < order.quantity) break
    await fillOrder(tx, { id: order.id, tenantId: order.tenantId, customerId: order.customerId! }, free, at)
    await tx.update(numberOrders).set({ status: 'OK', completedAt: at }).where(eq(numberOrders.id, order.id))
    served.push(order.id)
  }
  return served
}
