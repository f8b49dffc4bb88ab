import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { callbackView, type CallbackView } from '../callbacks/callback-view.ts'
import { requeueFailedCallback } from '../callbacks/callback-queue.ts'
import { partnerCallbacks } from '../callbacks/callbacks.table.ts'
import { Locked, NotFound } from '../errors.ts'
import { trackingNumbers } from '../numbers/numbers.table.ts'
import { pageWindow } from '../kernel/pages.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { readPartnerSettings } from '../resellers/partner-settings.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { numberOrderNumbers, numberOrders, type CallbackStatus, type OrderStatus } from './call-tracking.table.ts'
import { validId } from '../kernel/ids.ts'

export type NumberOrder = typeof numberOrders.$inferSelect

/** An order as shown: its row, its numbers (ascending) and its callback status (§4: `none` without one). */
export type OrderView = NumberOrder & { numbers: string[]; callbackStatus: CallbackStatus }

/** An order with its callback's attempts (spec/delacon.md §9), for the operator. */
export type OrderDetail = OrderView & { callback: CallbackView | null }

const callbackStatusSql = sql<CallbackStatus>`coalesce((select case when ${partnerCallbacks.status} in ('accepted', 'failed') then ${partnerCallbacks.status} else 'pending' end
  from ${partnerCallbacks} where ${partnerCallbacks.id} = ${numberOrders.callbackId}), 'none')`

async function numbersOfOrders(core: Core, ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(ids.map((id) => [id, []]))
  if (!ids.length) return out
  const rows = await core.db.select({ orderId: numberOrderNumbers.orderId, number: trackingNumbers.number }).from(numberOrderNumbers)
    .innerJoin(trackingNumbers, eq(trackingNumbers.id, numberOrderNumbers.numberId))
    .where(inArray(numberOrderNumbers.orderId, ids)).orderBy(asc(sql`${trackingNumbers.number} collate "C"`))
  for (const r of rows) out.get(r.orderId)!.push(r.number)
  return out
}

/** One order of the actor's tenant with its numbers (ascending) and callback status; NotFound otherwise. */
export async function getOrder(core: Core, actor: Actor, id: number): Promise<OrderView> {
  if (!validId(id)) throw new NotFound('Order', id)
  const [order] = await core.db.select({ row: numberOrders, callbackStatus: callbackStatusSql }).from(numberOrders)
    .where(and(eq(numberOrders.id, id), tenantScope(actor, numberOrders.tenantId)))
  if (!order) throw new NotFound('Order', id)
  return { ...order.row, numbers: (await numbersOfOrders(core, [id])).get(id)!, callbackStatus: order.callbackStatus }
}

/** An order with every attempt of its callback (the native API's `GET /delacon/orders/{id}`). */
export async function getOrderDetail(core: Core, actor: Actor, id: number): Promise<OrderDetail> {
  const order = await getOrder(core, actor, id)
  return { ...order, callback: order.callbackId === null ? null : await callbackView(core.db, order.callbackId) }
}

export interface OrderFilter {
  resellerId?: number
  status?: OrderStatus
  callbackStatus?: CallbackStatus
  limit?: number
  offset?: number
}

/** Orders the actor sees, newest first, filtered (e.g. `callbackStatus: 'failed'`) and paged, with the total. */
export async function listOrders(core: Core, actor: Actor, filter: OrderFilter = {}): Promise<{ orders: OrderView[]; total: number }> {
  const { limit, offset } = pageWindow(filter)
  const where: (SQL | undefined)[] = [
    tenantScope(actor, numberOrders.tenantId),
    filter.resellerId === undefined ? undefined : eq(numberOrders.tenantId, filter.resellerId),
    filter.status === undefined ? undefined : eq(numberOrders.status, filter.status),
    filter.callbackStatus === undefined ? undefined
      : filter.callbackStatus === 'none' ? isNull(numberOrders.callbackId) : sql`${callbackStatusSql} = ${filter.callbackStatus}`,
  ]
  const [{ total }] = (await core.db.select({ total: sql<number>`count(*)::int` }).from(numberOrders).where(and(...where))) as [{ total: number }]
  const rows = await core.db.select({ row: numberOrders, callbackStatus: callbackStatusSql }).from(numberOrders).where(and(...where))
    .orderBy(desc(numberOrders.id)).limit(limit).offset(offset)
  const numbers = await numbersOfOrders(core, rows.map((r) => r.row.id))
  return { orders: rows.map((r) => ({ ...r.row, numbers: numbers.get(r.row.id)!, callbackStatus: r.callbackStatus })), total: Number(total) }
}

/**
 * Sends an order's callback again after all its attempts failed (spec §9: "can be re-sent"): a new
 * round of attempts to the partner's current URL (or the one it had). Locked unless it failed.
 */
export async function resendOrderCallback(core: Core, actor: Actor, id: number): Promise<OrderDetail> {
  const order = await getOrder(core, actor, id)
  if (order.callbackId === null || order.callbackStatus !== 'failed') throw new Locked('Order callback has not failed')
  const [r] = await core.db.select({ settings: resellers.settings }).from(resellers).where(eq(resellers.id, order.tenantId))
  const [c] = await core.db.select({ url: partnerCallbacks.url }).from(partnerCallbacks).where(eq(partnerCallbacks.id, order.callbackId))
  const url = readPartnerSettings(r?.settings)['delacon.callbackUrl'] ?? c!.url
  if (!(await requeueFailedCallback(core.db, order.callbackId, url, core.now()))) throw new Locked('Order callback has not failed')
  return getOrderDetail(core, actor, id)
}
