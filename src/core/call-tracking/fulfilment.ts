import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { allocateNumbers, lowestFreeNumbers } from '../numbers/allocation.ts'
import type { Core } from '../core.ts'
import { callTrackingCompanies, numberOrderNumbers, numberOrders } from './call-tracking.table.ts'
import { orderEnded } from './order-completion.ts'

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

/**
 * Serves a pool's WAIT orders oldest first, each only in full, stopping at the first that cannot be
 * filled (spec/delacon.md §5 "Fulfilment"). Call with the pool row locked, in a transaction (`tx`).
 * Each completed order queues its callback and summary email (order-completion.ts).
 * Returns the ids of the orders completed.
 */
export async function serveWaitingOrders(tx: Core, poolId: number, at: Date): Promise<number[]> {
  const waiting = await tx.db.select().from(numberOrders)
    .where(and(eq(numberOrders.poolId, poolId), eq(numberOrders.status, 'WAIT'))).orderBy(asc(numberOrders.id))
  const served: number[] = []
  for (const order of waiting) {
    const free = await lowestFreeNumbers(tx.db, poolId, order.tenantId, order.quantity)
    if (free.length < order.quantity) break
    await fillOrder(tx.db, { id: order.id, tenantId: order.tenantId, customerId: order.customerId! }, free, at)
    await tx.db.update(numberOrders).set({ status: 'OK', completedAt: at }).where(eq(numberOrders.id, order.id))
    await orderEnded(tx, order, 'OK', free.map((n) => n.number).sort(), { waited: true })
    served.push(order.id)
  }
  return served
}
