import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid, NotFound } from '../errors.ts'
import { integerRule, required, textRule } from '../kernel/field-rules.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { resellerFilter, resellerForWrite } from '../platform/platform.ts'
import { paymentGateways, type PaymentType } from './catalog.table.ts'

export type PaymentGateway = typeof paymentGateways.$inferSelect
export const PAYMENT_TYPES: readonly PaymentType[] = ['AddFund', 'Payment']

/** What an operator sets on a payment gateway (spec/resellerclub.md §4.3 gateway map and §3). */
export interface PaymentGatewayFields {
  gatewayType: string
  gatewayName: string
  postUrl: string
  displayPosition: number
  customerAccessLevel: string
  paymentTypes: PaymentType[]
}

function checkUrl(v: string | undefined): string | undefined {
  if (v === undefined) return undefined
  let url: URL
  try {
    url = new URL(v)
  } catch {
    throw new Invalid('postUrl', 'must be an http or https URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Invalid('postUrl', 'must be an http or https URL')
  if (url.username || url.password) throw new Invalid('postUrl', 'must not carry credentials')
  return textRule('postUrl', v, 2000) ?? undefined
}

function checkTypes(v: PaymentType[] | undefined): PaymentType[] | undefined {
  if (v === undefined) return undefined
  if (!Array.isArray(v) || !v.length || v.some((t) => !PAYMENT_TYPES.includes(t))) {
    throw new Invalid('paymentTypes', `must list one or both of ${PAYMENT_TYPES.join(', ')}`)
  }
  return PAYMENT_TYPES.filter((t) => v.includes(t))
}

function plain(field: string, v: string | undefined, max: number): string | undefined {
  if (v === undefined) return undefined
  // eslint-disable-next-line no-control-regex
  if (!v.trim() || /[\u0000-\u001f\u007f]/.test(v)) throw new Invalid(field, v.trim() ? 'must not contain control characters' : 'is required', v.trim() ? 'invalid' : 'required')
  return textRule(field, v, max) ?? undefined
}

function gatewayColumns(f: Partial<PaymentGatewayFields>): Partial<typeof paymentGateways.$inferInsert> {
  const c: Partial<typeof paymentGateways.$inferInsert> = {
    gatewayType: plain('gatewayType', f.gatewayType, 64),
    gatewayName: plain('gatewayName', f.gatewayName, 255),
    postUrl: checkUrl(f.postUrl),
    displayPosition: integerRule('displayPosition', f.displayPosition, 0, 10_000),
    customerAccessLevel: plain('customerAccessLevel', f.customerAccessLevel, 64),
    paymentTypes: checkTypes(f.paymentTypes),
  }
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))
}

/** Adds a payment gateway to a reseller's (offered to all of its customers). */
export async function createPaymentGateway(core: Core, actor: Actor, input: Partial<PaymentGatewayFields> & { resellerId?: number }): Promise<PaymentGateway> {
  const tenantId = await resellerForWrite(core, actor, input.resellerId)
  for (const f of ['gatewayType', 'gatewayName', 'postUrl', 'paymentTypes'] as const) required(f, input[f])
  const now = core.now()
  const [row] = await core.db.insert(paymentGateways)
    .values({ ...gatewayColumns(input), tenantId, createdAt: now, updatedAt: now } as typeof paymentGateways.$inferInsert).returning()
  return row!
}

export async function getPaymentGateway(core: Core, actor: Actor, id: number): Promise<PaymentGateway> {
  const [row] = await core.db.select().from(paymentGateways).where(and(eq(paymentGateways.id, id), tenantScope(actor, paymentGateways.tenantId)))
  if (!row) throw new NotFound('Payment gateway', id)
  return row
}

export async function updatePaymentGateway(core: Core, actor: Actor, id: number, patch: Partial<PaymentGatewayFields>): Promise<PaymentGateway> {
  const current = await getPaymentGateway(core, actor, id)
  const [row] = await core.db.update(paymentGateways).set({ ...gatewayColumns(patch), updatedAt: core.now() })
    .where(eq(paymentGateways.id, current.id)).returning()
  return row!
}

export async function deletePaymentGateway(core: Core, actor: Actor, id: number): Promise<void> {
  const rows = await core.db.delete(paymentGateways)
    .where(and(eq(paymentGateways.id, id), tenantScope(actor, paymentGateways.tenantId))).returning({ id: paymentGateways.id })
  if (!rows.length) throw new NotFound('Payment gateway', id)
}

/** An operator's page of gateways, in display order. */
export async function listPaymentGateways(core: Core, actor: Actor, query: PageRequest & { resellerId?: number } = {}): Promise<Page<PaymentGateway>> {
  const { limit, offset } = pageWindow(query)
  const reseller = resellerFilter(actor, query.resellerId)
  const where = reseller === undefined ? undefined : eq(paymentGateways.tenantId, reseller)
  const [items, [total]] = await Promise.all([
    core.db.select().from(paymentGateways).where(where)
      .orderBy(asc(paymentGateways.tenantId), asc(paymentGateways.displayPosition), asc(paymentGateways.id)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(paymentGateways).where(where),
  ])
  return { items, total: total!.n }
}

/**
 * The gateways of the actor's tenant a customer may pay with, by display position then id
 * (spec/resellerclub.md §4.3): those supporting `paymentType`, or without one those supporting both.
 */
export async function gatewaysForPayment(core: Core, actor: Actor, paymentType?: PaymentType): Promise<PaymentGateway[]> {
  const wanted = paymentType ? [paymentType] : [...PAYMENT_TYPES]
  return core.db.select().from(paymentGateways)
    .where(and(tenantScope(actor, paymentGateways.tenantId), sql`${paymentGateways.paymentTypes} @> array[${sql.join(wanted.map((t) => sql`${t}`), sql`, `)}]::text[]`))
    .orderBy(asc(paymentGateways.displayPosition), asc(paymentGateways.id))
}
