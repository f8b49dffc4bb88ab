import { and, asc, count, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Invalid, NotFound } from '../errors.ts'
import { amountRule, integerRule, required, textRule } from '../kernel/field-rules.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { resellerFilter, resellerForWrite } from '../platform/platform.ts'
import { promos } from './catalog.table.ts'

export type Promo = typeof promos.$inferSelect

/** What an operator sets on a promo (spec/resellerclub.md §4.3: the fifteen fields of the promo map). */
export interface PromoFields {
  productKey: string
  startsAt: Date
  endsAt: Date
  period: number
  resellerPriceOne: string | number
  resellerPriceTwo: string | number
  customerPrice: string | number
  barrierPrice: string | number
  resellerPrice: string | number
  currencySymbol: string
  actionType: string
  sellingCurrency: string
  active: boolean
  trickleAllowed: boolean
}

const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/
const ACTION = /^[a-z][a-z0-9_]{0,49}$/
const CURRENCY = /^[A-Z]{3}$/

function checkKey(field: string, v: string | undefined, rule: RegExp, what: string): string | undefined {
  if (v === undefined) return undefined
  if (!rule.test(v)) throw new Invalid(field, `must be ${what}`)
  return v
}

function checkTime(field: string, v: Date | undefined): Date | undefined {
  if (v === undefined) return undefined
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw new Invalid(field, 'must be a time')
  return v
}

/** The checked columns of a promo change (only the fields given). */
function promoColumns(f: Partial<PromoFields>): Partial<typeof promos.$inferInsert> {
  const c: Partial<typeof promos.$inferInsert> = {
    productKey: checkKey('productKey', f.productKey, KEY, '1-64 lower-case letters, digits, . _ - (e.g. domcno)'),
    startsAt: checkTime('startsAt', f.startsAt),
    endsAt: checkTime('endsAt', f.endsAt),
    period: integerRule('period', f.period, 1, 10),
    resellerPriceOne: amountRule('resellerPriceOne', f.resellerPriceOne),
    resellerPriceTwo: amountRule('resellerPriceTwo', f.resellerPriceTwo),
    customerPrice: amountRule('customerPrice', f.customerPrice),
    barrierPrice: amountRule('barrierPrice', f.barrierPrice),
    resellerPrice: amountRule('resellerPrice', f.resellerPrice),
    currencySymbol: checkKey('currencySymbol', f.currencySymbol, CURRENCY, 'a three-letter currency code (USD)'),
    actionType: checkKey('actionType', textRule('actionType', f.actionType) ?? undefined, ACTION, 'a lower-case action name (addnewdomain, renewdomain)'),
    sellingCurrency: checkKey('sellingCurrency', f.sellingCurrency, CURRENCY, 'a three-letter currency code (USD)'),
    active: f.active,
    trickleAllowed: f.trickleAllowed,
  }
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))
}

function checkPeriod(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() < startsAt.getTime()) throw new Invalid('endsAt', 'must not be before startsAt')
}

/** Creates a promo for a reseller (the platform admin names it; a reseller administrator makes its own). */
export async function createPromo(core: Core, actor: Actor, input: PromoFields & { resellerId?: number }): Promise<Promo> {
  const tenantId = await resellerForWrite(core, actor, input.resellerId)
  for (const f of ['productKey', 'startsAt', 'endsAt', 'resellerPriceOne', 'resellerPriceTwo', 'customerPrice', 'resellerPrice', 'actionType'] as const) required(f, input[f])
  const columns = promoColumns(input)
  checkPeriod(columns.startsAt!, columns.endsAt!)
  const now = core.now()
  const [row] = await core.db.insert(promos).values({ ...columns, tenantId, createdAt: now, updatedAt: now } as typeof promos.$inferInsert).returning()
  return row!
}

/** One promo of the caller's scope; another reseller's looks unknown. */
export async function getPromo(core: Core, actor: Actor, id: number): Promise<Promo> {
  const [row] = await core.db.select().from(promos).where(and(eq(promos.id, id), tenantScope(actor, promos.tenantId)))
  if (!row) throw new NotFound('Promo', id)
  return row
}

/** Changes the fields given. */
export async function updatePromo(core: Core, actor: Actor, id: number, patch: Partial<PromoFields>): Promise<Promo> {
  const current = await getPromo(core, actor, id)
  const columns = promoColumns(patch)
  checkPeriod(columns.startsAt ?? current.startsAt, columns.endsAt ?? current.endsAt)
  const [row] = await core.db.update(promos).set({ ...columns, updatedAt: core.now() }).where(eq(promos.id, current.id)).returning()
  return row!
}

export async function deletePromo(core: Core, actor: Actor, id: number): Promise<void> {
  const rows = await core.db.delete(promos).where(and(eq(promos.id, id), tenantScope(actor, promos.tenantId))).returning({ id: promos.id })
  if (!rows.length) throw new NotFound('Promo', id)
}

/** An operator's page of promos in creation order (a reseller administrator: its own; the platform admin: all, or one reseller's). */
export async function listPromos(core: Core, actor: Actor, query: PageRequest & { resellerId?: number } = {}): Promise<Page<Promo>> {
  const { limit, offset } = pageWindow(query)
  const reseller = resellerFilter(actor, query.resellerId)
  const where = reseller === undefined ? undefined : eq(promos.tenantId, reseller)
  const [items, [total]] = await Promise.all([
    core.db.select().from(promos).where(where).orderBy(asc(promos.id)).limit(limit).offset(offset),
    core.db.select({ n: count() }).from(promos).where(where),
  ])
  return { items, total: total!.n }
}

/** Every promo of the actor's tenant, active or not, in creation order (ResellerClub `resellers/promo-details`). */
export async function promosOfTenant(core: Core, actor: Actor): Promise<Promo[]> {
  return core.db.select().from(promos).where(tenantScope(actor, promos.tenantId)).orderBy(asc(promos.id))
}
