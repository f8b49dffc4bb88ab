import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { inTransaction, type Core } from '../core.ts'
import { Locked, NotFound } from '../errors.ts'
import { validId } from '../kernel/ids.ts'
import { lockPoolById } from '../numbers/pools.ts'
import { PARTNER_DEFAULTS } from '../resellers/partner-settings.ts'
import { queryRows } from '../../db/rows.ts'
import { numberOrders } from './call-tracking.table.ts'
import { serveWaitingOrders } from './fulfilment.ts'
import { failWaitingOrder } from './order-completion.ts'

// WAIT orders that end without stock (spec/delacon.md §5 "Fulfilment"): one still unfilled after
// its partner's `delacon.pendingOrderTimeoutHours` fails (the dispatcher's upkeep sweeps them), and
// the operator can fail one. Either way its callback tells the partner, and the orders queued
// behind it in the pool are served at once if the stock now suffices for them.

/** WAIT orders past their partner's timeout at `now` (SQL: the stored setting, else the default hours). */
const expired = (now: Date) => sql`${numberOrders.status} = 'WAIT' and ${numberOrders.createdAt} + make_interval(secs => 3600 * coalesce(
    (select case when jsonb_typeof(r.settings -> 'delacon.pendingOrderTimeoutHours') = 'number' then (r.settings ->> 'delacon.pendingOrderTimeoutHours')::float8 end
      from resellers r where r.id = ${numberOrders.tenantId}), ${PARTNER_DEFAULTS['delacon.pendingOrderTimeoutHours']})) <= ${now.toISOString()}::timestamptz`

/**
 * Fails every WAIT order past its timeout, pool by pool under the pool's lock, then serves what
 * waits behind them. Returns the ids of the orders failed.
 */
export async function expireWaitingOrders(core: Core): Promise<number[]> {
  const now = core.now()
  const pools = await queryRows<{ pool_id: number }>(core.db, sql`select distinct ${numberOrders.poolId} as pool_id from ${numberOrders} where ${expired(now)} limit 1000`)
  const failed: number[] = []
  for (const { pool_id: poolId } of pools) {
    await inTransaction(core, async (tx) => {
      await lockPoolById(tx.db, poolId)
      const orders = await tx.db.select().from(numberOrders).where(and(eq(numberOrders.poolId, poolId), expired(now))).orderBy(asc(numberOrders.id))
      for (const order of orders) {
        await failWaitingOrder(tx, order, 'timeout')
        failed.push(order.id)
      }
      if (orders.length) await serveWaitingOrders(tx, poolId, now)
    })
  }
  if (failed.length) core.log.info({ orders: failed.length }, 'WAIT orders failed after their timeout')
  return failed
}

/** The operator fails a WAIT order (platform admins only); Locked when it is no longer waiting. */
export async function failOrder(core: Core, actor: Actor, orderId: number): Promise<void> {
  if (!actor.crossTenant && !actor.isAdmin) throw new NotFound('Order', orderId)
  if (!validId(orderId)) throw new NotFound('Order', orderId)
  await inTransaction(core, async (tx) => {
    const [head] = await tx.db.select({ poolId: numberOrders.poolId, tenantId: numberOrders.tenantId }).from(numberOrders).where(eq(numberOrders.id, orderId))
    if (!head || (!actor.crossTenant && head.tenantId !== actor.tenantId)) throw new NotFound('Order', orderId)
    await lockPoolById(tx.db, head.poolId)
    const [order] = await tx.db.select().from(numberOrders).where(and(eq(numberOrders.id, orderId), inArray(numberOrders.status, ['WAIT'])))
    if (!order) throw new Locked('Order is not waiting')
    await failWaitingOrder(tx, order, 'operator')
    await serveWaitingOrders(tx, head.poolId, tx.now())
  })
}
