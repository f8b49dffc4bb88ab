import { and, asc, count, eq, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { customers } from '../customers/customers.table.ts'
import { Conflict, Invalid, Locked, NotFound } from '../errors.ts'
import { required } from '../kernel/field-rules.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { resellerFilter } from '../platform/platform.ts'
import { productOrders, type ProductOrderStatus } from './orders.table.ts'

export type ProductOrder = typeof productOrders.$inferSelect
export const ORDER_STATUSES: readonly ProductOrderStatus[] = ['active', 'suspended']

const PRODUCT_KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/

function checkProductKey(v: string | undefined): string | undefined {
  if (v === undefined) return undefined
  if (!PRODUCT_KEY.test(v)) throw new Invalid('productKey', 'must be 1-64 lower-case letters, digits, . _ - (e.g. domcno)')
  return v
}

function checkStatus(v: string | undefined): ProductOrderStatus | undefined {
  if (v === undefined) return undefined
  if (!ORDER_STATUSES.includes(v as ProductOrderStatus)) throw new Invalid('status', `must be one of ${ORDER_STATUSES.join(', ')}`)
  return v as ProductOrderStatus
}

/** Places an order for a customer of the caller's scope (the order belongs to the customer's reseller). */
export async function createOrder(core: Core, actor: Actor, input: { customerId: number; productKey: string; status?: ProductOrderStatus }): Promise<ProductOrder> {
  required('customerId', input.customerId)
  const productKey = checkProductKey(required('productKey', input.productKey))!
  const status = checkStatus(input.status) ?? 'active'
  return core.db.transaction(async (tx) => {
    // The customer row is locked so a concurrent delete cannot slip between the check and the insert.
    const [customer] = await tx.select({ id: customers.id, tenantId: customers.tenantId }).from(customers)
      .where(and(eq(customers.id, input.customerId), tenantScope(actor, customers.tenantId))).for('update')
    if (!customer) throw new Invalid('customerId', 'names no customer', 'reference')
    const now = core.now()
    const [row] = await tx.insert(productOrders)
      .values({ tenantId: customer.tenantId, customerId: customer.id, productKey, status, createdAt: now, updatedAt: now }).returning()
    return row!
  })
}

/** One order of the caller's scope; another reseller's looks unknown. */
export async function getOrder(core: Core, actor: Actor, id: number): Promise<ProductOrder> {
  const [row] = await core.db.select().from(productOrders).where(and(eq(productOrders.id, id), tenantScope(actor, productOrders.tenantId)))
  if (!row) throw new NotFound('Order', id)
  return row
}

/** Suspends or re-activates an order. */
export async function setOrderStatus(core: Core, actor: Actor, id: number, status: ProductOrderStatus): Promise<ProductOrder> {
  const checked = checkStatus(required('status', status))!
  const [row] = await core.db.update(productOrders).set({ status: checked, updatedAt: core.now() })
    .where(and(eq(productOrders.id, id), tenantScope(actor, productOrders.tenantId))).returning()
  if (!row) throw new NotFound('Order', id)
  return row
}

/** Removes an order (a cancelled one); the customer may then be deleted if it has no other. */
export async function deleteOrder(core: Core, actor: Actor, id: number): Promise<void> {
  const rows = await core.db.delete(productOrders)
    .where(and(eq(productOrders.id, id), tenantScope(actor, productOrders.tenantId))).returning({ id: productOrders.id })
  if (!rows.length) throw new NotFound('Order', id)
}

/**
 * Turns on an order's free email service (ResellerClub `mail/activate`, spec §4.3), once, at
 * `now`: unknown or foreign → NotFound; suspended → Locked('order suspended'); already on →
 * Conflict('freeEmail'). The check and the change are one statement, so two concurrent activations
 * cannot both succeed.
 */
export async function activateFreeEmail(core: Core, actor: Actor, id: number): Promise<ProductOrder> {
  const now = core.now()
  const [row] = await core.db.update(productOrders).set({ freeEmail: true, freeEmailActivatedAt: now, updatedAt: now })
    .where(and(eq(productOrders.id, id), tenantScope(actor, productOrders.tenantId), eq(productOrders.status, 'active'), eq(productOrders.freeEmail, false)))
    .returning()
  if (row) return row
  const current = await getOrder(core, actor, id)
  if (current.status === 'suspended') throw new Locked('order suspended')
  throw new Conflict('freeEmail', 'is already active')
}

export interface OrderQuery extends PageRequest { resellerId?: number; customerId?: number; status?: ProductOrderStatus }

/** An operator's page of orders, oldest first, filtered by reseller, customer and status. */
export async function listOrders(core: Core, actor: Actor, query: OrderQuery = {}): Promise<Page<ProductOrder>> {
  const { limit, offset } = pageWindow(query)
  const reseller = resellerFilter(actor, query.resellerId)
  const conds: SQL[] = []
  if (reseller !== undefined) conds.push(eq(productOrders.tenantId, reseller))
  if (query.customerId !== undefined) conds.push(eq(productOrders.customerId, query.customerId))
  const status = checkStatus(query.status)
  if (status) conds.push(eq(productOrders.status, status))
  const where = conds.length ? and(...conds) : undefined
  const [items, [total]] = await Promise.all([
    core.db.select().from(productOrders).where(where).orderBy(asc(productOrders.id)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(productOrders).where(where),
  ])
  return { items, total: total!.n }
}
