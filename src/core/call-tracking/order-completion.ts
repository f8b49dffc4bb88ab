import { eq, sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { enqueueCallback } from '../callbacks/callback-queue.ts'
import { sendSystemEmail } from '../notifications/notifications.ts'
import { numberPools } from '../numbers/numbers.table.ts'
import { readPartnerSettings } from '../resellers/partner-settings.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { queryRows } from '../../db/rows.ts'
import { numberOrders, type OrderFailReason } from './call-tracking.table.ts'

// What happens when an order ends (spec/delacon.md §5 rule 6, "Fulfilment", §9): an order that was
// answered WAIT tells the partner through the post-provisioning callback (when it has a URL then),
// and any order with an `orderSummaryEmail` sends its summary by email. Both are queued in the
// transaction that ends the order, so they go exactly when it commits; the dispatcher delivers them.
// The callback body is the partner contract of §9, composed here because the core sends it (no
// dialect is on that path); its texts are those of §3.

/** The topic of an order's post-provisioning callback in the partner-callback queue. */
export const ORDER_CALLBACK_TOPIC = 'delacon.order'
/** spec/delacon.md §3: the provision FAIL text, also the callback's FAIL `Message`. */
export const ORDER_FAIL_TEXT = 'Your order for new/additional numbers could not be processed. Our support will look to serve your order.'

/** §9: `OrderID=<id>&Result=OK|FAIL&Message=<text>`, form-encoded (space as `+`), fields in this order. */
export function orderCallbackBody(orderId: number, result: 'OK' | 'FAIL', numbers: readonly string[]): string {
  const message = result === 'OK' ? `Numbers: ${numbers.join(', ')}` : ORDER_FAIL_TEXT
  return new URLSearchParams([['OrderID', String(orderId)], ['Result', result], ['Message', message]]).toString()
}

export interface EndedOrder {
  id: number
  tenantId: number
  customerId: number | null
  poolId: number
  quantity: number
  orderSummaryEmail: string | null
}

/**
 * Queues what an order that just ended owes: the callback when it had been answered WAIT (`waited`)
 * and its partner has a callback URL, and the summary email when it names an address. Call inside
 * the transaction that ended it. `companyName`: the company a failed new customer would have had.
 */
export async function orderEnded(tx: Core, order: EndedOrder, result: 'OK' | 'FAIL', numbers: readonly string[], opts: { waited: boolean; companyName?: string }): Promise<void> {
  const at = tx.now()
  const set: Partial<typeof numberOrders.$inferInsert> = {}
  if (opts.waited) {
    const [r] = await tx.db.select({ settings: resellers.settings }).from(resellers).where(eq(resellers.id, order.tenantId))
    const settings = readPartnerSettings(r?.settings)
    const url = settings['delacon.callbackUrl']
    if (url) {
      set.callbackId = await enqueueCallback(tx.db, {
        tenantId: order.tenantId, topic: ORDER_CALLBACK_TOPIC, subjectId: order.id, url,
        body: orderCallbackBody(order.id, result, numbers), contentType: 'application/x-www-form-urlencoded',
        retryDelaysSeconds: settings['delacon.callbackRetryDelaysSeconds'],
      }, at)
    }
  }
  if (order.orderSummaryEmail) {
    const { transmissionId } = await sendSystemEmail(tx, order.tenantId, {
      to: order.orderSummaryEmail, ...(await orderSummary(tx, order, result, numbers, opts.companyName)),
    })
    set.summaryTransmissionId = transmissionId
  }
  if (Object.keys(set).length) await tx.db.update(numberOrders).set(set).where(eq(numberOrders.id, order.id))
}

/** The order-summary email: the order, its company, pool, quantity, result and numbers. */
async function orderSummary(tx: Core, order: EndedOrder, result: 'OK' | 'FAIL', numbers: readonly string[], companyName?: string): Promise<{ subject: string; text: string }> {
  const [company] = order.customerId === null ? [] : await queryRows<{ name: string }>(tx.db, sql`select name from customers where id = ${order.customerId}`)
  const [pool] = await tx.db.select({ region: numberPools.region, numberType: numberPools.numberType }).from(numberPools).where(eq(numberPools.id, order.poolId))
  const name = company?.name ?? companyName ?? ''
  const lines = [
    `Order: ${order.id}`,
    `Company: ${name}${order.customerId !== null ? ` (CID ${order.customerId})` : ''}`,
    `Region: ${pool?.region ?? ''}, number type ${pool?.numberType ?? ''}`,
    `Numbers ordered: ${order.quantity}`,
    `Result: ${result}`,
    result === 'OK' ? `Numbers: ${numbers.join(', ')}` : ORDER_FAIL_TEXT,
  ]
  const subject = result === 'OK' ? `Order ${order.id} for ${name}: numbers allocated` : `Order ${order.id} for ${name}: not filled`
  return { subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 255), text: `${lines.join('\n')}\n` }
}

/** Marks a WAIT order FAIL (timeout or operator) and queues its callback and email; call with its pool locked. */
export async function failWaitingOrder(tx: Core, order: EndedOrder, reason: OrderFailReason): Promise<void> {
  await tx.db.update(numberOrders).set({ status: 'FAIL', failReason: reason, completedAt: tx.now() }).where(eq(numberOrders.id, order.id))
  await orderEnded(tx, order, 'FAIL', [], { waited: true })
}
