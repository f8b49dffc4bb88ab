import { and, asc, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { customers } from '../customers/customers.table.ts'
import { Invalid, NotFound } from '../errors.ts'
import { integerRule, required, textRule } from '../kernel/field-rules.ts'
import { idIn } from './id-list.ts'
import { visibilityKey } from '../read-cache.ts'
import { tenantScope, validId } from '../kernel/index.ts'
import { productAddonRules, productGroups, products, subscriptionPlans } from './products.table.ts'

// A reseller's product catalogue (spec/porta.md §10): product groups, subscription plans, main and
// add-on products (owned by the partner or one of its sub-reseller customers), the add-ons a main
// product allows. Every read and write is confined to the actor's tenant.

/** A product as read: its columns, its group's name and its bundled subscription plan. */
export interface CatalogProduct {
  id: number
  tenantId: number
  ownerCustomerId: number | null
  kind: 'main' | 'addon'
  name: string
  description: string | null
  endUserName: string | null
  groupId: number | null
  groupName: string | null
  addonPriority: number
  /** Decimal text. */
  fee: string
  currency: string
  clonedFromId: number | null
  subscription: { id: number; name: string; fee: string } | null
  createdAt: Date
}

export interface NewProduct {
  kind: 'main' | 'addon'
  name: string
  description?: string | null
  endUserName?: string | null
  groupId?: number | null
  addonPriority?: number
  fee?: string | number
  currency: string
  subscriptionId?: number | null
  clonedFromId?: number | null
  /** A sub-reseller customer of the tenant that owns the product; absent = the partner. */
  ownerCustomerId?: number | null
}

const CURRENCY = /^[A-Za-z]{3}$/
const FEE = /^[0-9]{1,9}(\.[0-9]{1,5})?$/

function tenantOfActor(actor: Actor): number {
  if (actor.tenantId === null) throw new Invalid('tenantId', 'products belong to a reseller')
  return actor.tenantId
}

function feeRule(field: string, v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined
  const text = typeof v === 'number' ? String(v) : v.trim()
  if (!FEE.test(text)) throw new Invalid(field, 'must be an amount of at least 0 with at most 5 decimals')
  return text
}

/** Creates a product group of the actor's tenant. */
export async function createProductGroup(core: Core, actor: Actor, name: string): Promise<{ id: number; name: string }> {
  const tenantId = tenantOfActor(actor)
  const [row] = await core.db.insert(productGroups).values({ tenantId, name: required('name', textRule('name', name)) }).returning()
  return { id: row!.id, name: row!.name }
}

/** Creates a subscription plan (a recurring fee) of the actor's tenant. */
export async function createSubscriptionPlan(core: Core, actor: Actor, input: { name: string; fee: string | number }): Promise<{ id: number; name: string; fee: string }> {
  const tenantId = tenantOfActor(actor)
  const [row] = await core.db.insert(subscriptionPlans)
    .values({ tenantId, name: required('name', textRule('name', input.name)), fee: feeRule('fee', input.fee) ?? '0' }).returning()
  return { id: row!.id, name: row!.name, fee: row!.fee }
}

async function assertInTenant(core: Core, actor: Actor, table: typeof productGroups | typeof subscriptionPlans, id: number, entity: string): Promise<void> {
  const [row] = await core.db.select({ id: table.id }).from(table).where(and(eq(table.id, id), tenantScope(actor, table.tenantId)))
  if (!row) throw new NotFound(entity, id)
}

/** Creates a product; its group, subscription plan, owner and original must be the tenant's. */
export async function createProduct(core: Core, actor: Actor, input: NewProduct): Promise<CatalogProduct> {
  const tenantId = tenantOfActor(actor)
  if (input.kind !== 'main' && input.kind !== 'addon') throw new Invalid('kind', 'must be main or addon')
  const currency = required('currency', input.currency)
  if (!CURRENCY.test(currency)) throw new Invalid('currency', 'must be a three-letter currency code')
  if (input.groupId) await assertInTenant(core, actor, productGroups, input.groupId, 'Product group')
  if (input.subscriptionId) await assertInTenant(core, actor, subscriptionPlans, input.subscriptionId, 'Subscription')
  if (input.ownerCustomerId) {
    const [c] = await core.db.select({ id: customers.id }).from(customers)
      .where(and(eq(customers.id, input.ownerCustomerId), eq(customers.isReseller, true), tenantScope(actor, customers.tenantId)))
    if (!c) throw new NotFound('Reseller', input.ownerCustomerId)
  }
  if (input.clonedFromId) await getProduct(core, actor, input.clonedFromId)
  const [row] = await core.db.insert(products).values({
    tenantId, kind: input.kind, name: required('name', textRule('name', input.name)),
    description: textRule('description', input.description) ?? null, endUserName: textRule('endUserName', input.endUserName) ?? null,
    groupId: input.groupId || null, addonPriority: input.kind === 'addon' ? integerRule('addonPriority', input.addonPriority, 0, 1_000_000) ?? 0 : 0,
    fee: feeRule('fee', input.fee) ?? '0', currency: currency.toUpperCase(), subscriptionId: input.subscriptionId || null,
    clonedFromId: input.clonedFromId || null, ownerCustomerId: input.ownerCustomerId || null,
  }).returning({ id: products.id })
  return getProduct(core, actor, row!.id)
}

/** Sets the add-ons a main product allows (replacing the previous list); each must be an add-on of the tenant. */
export async function setAllowedAddons(core: Core, actor: Actor, mainProductId: number, addonIds: number[]): Promise<void> {
  const main = await getProduct(core, actor, mainProductId)
  if (main.kind !== 'main') throw new Invalid('productId', 'is not a main product')
  const ids = [...new Set(addonIds)]
  const addons = ids.length ? await queryProducts(core, actor, { ids }) : []
  for (const id of ids) {
    const a = addons.find((p) => p.id === id)
    if (!a || a.tenantId !== main.tenantId) throw new NotFound('Product', id)
    if (a.kind !== 'addon') throw new Invalid('addonIds', `${id} is not an add-on product`)
  }
  await core.db.transaction(async (tx) => {
    await tx.delete(productAddonRules).where(eq(productAddonRules.mainProductId, mainProductId))
    if (ids.length) await tx.insert(productAddonRules).values(ids.map((addonProductId) => ({ mainProductId, addonProductId })))
  })
}

/** One product of the actor's tenant. */
export async function getProduct(core: Core, actor: Actor, id: number): Promise<CatalogProduct> {
  if (!validId(id)) throw new NotFound('Product', id)
  const [p] = await queryProducts(core, actor, { ids: [id] })
  if (!p) throw new NotFound('Product', id)
  return p
}

/** Which products to read. */
export interface ProductQuery {
  ids?: number[]
  kind?: 'main' | 'addon'
  /** Owners: null = the partner, a number = that sub-reseller customer. Absent = every owner. */
  owners?: (number | null)[]
}

const CATALOG_TABLES = ['products', 'product_groups', 'subscription_plans']

/** Products of the actor's tenant, by id. The tenant's catalogue is read once and cached exactly. */
export async function queryProducts(core: Core, actor: Actor, q: ProductQuery = {}): Promise<CatalogProduct[]> {
  if (q.ids && !q.ids.length) return []
  const all = await core.reads.get(`catalog:${visibilityKey(actor)}`, CATALOG_TABLES, () => loadCatalog(core, actor))
  const ids = q.ids ? new Set(q.ids) : null
  return all.filter((p) => (!ids || ids.has(p.id)) && (!q.kind || p.kind === q.kind) && (!q.owners || q.owners.includes(p.ownerCustomerId)))
}

async function loadCatalog(core: Core, actor: Actor): Promise<CatalogProduct[]> {
  const rows = await core.db.select({ p: products, groupName: productGroups.name, plan: subscriptionPlans }).from(products)
    .leftJoin(productGroups, eq(productGroups.id, products.groupId))
    .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, products.subscriptionId))
    .where(tenantScope(actor, products.tenantId))
    .orderBy(asc(products.id))
  return rows.map(({ p, groupName, plan }): CatalogProduct => ({
    id: p.id, tenantId: p.tenantId, ownerCustomerId: p.ownerCustomerId, kind: p.kind, name: p.name, description: p.description,
    endUserName: p.endUserName, groupId: p.groupId, groupName: groupName ?? null, addonPriority: p.addonPriority, fee: p.fee,
    currency: p.currency, clonedFromId: p.clonedFromId, subscription: plan ? { id: plan.id, name: plan.name, fee: plan.fee } : null, createdAt: p.createdAt,
  }))
}

/** The add-on ids each of these main products allows. */
export async function allowedAddons(core: Core, actor: Actor, mainProductIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>()
  if (!mainProductIds.length) return out
  const rows = await core.db.select({ main: productAddonRules.mainProductId, addon: productAddonRules.addonProductId }).from(productAddonRules)
    .innerJoin(products, eq(products.id, productAddonRules.mainProductId))
    .where(and(idIn(productAddonRules.mainProductId, mainProductIds), tenantScope(actor, products.tenantId)))
  for (const r of rows) out.set(r.main, [...(out.get(r.main) ?? []), r.addon])
  return out
}

/** Gives a customer of the tenant the reseller role (a Porta sub-reseller, which may own products and customers). */
export async function makeSubReseller(core: Core, actor: Actor, customerId: number): Promise<void> {
  const rows = await core.db.update(customers).set({ isReseller: true, updatedAt: core.now() })
    .where(and(eq(customers.id, customerId), tenantScope(actor, customers.tenantId))).returning({ id: customers.id })
  if (!rows.length) throw new NotFound('Customer', customerId)
}

/** Places a customer under a sub-reseller of the same tenant (null: directly under the partner). */
export async function setCustomerParent(core: Core, actor: Actor, customerId: number, parentId: number | null): Promise<void> {
  if (parentId !== null) {
    if (parentId === customerId) throw new Invalid('parentId', 'must be another customer')
    const [p] = await core.db.select({ id: customers.id }).from(customers)
      .where(and(eq(customers.id, parentId), eq(customers.isReseller, true), tenantScope(actor, customers.tenantId)))
    if (!p) throw new NotFound('Reseller', parentId)
  }
  const rows = await core.db.update(customers).set({ parentCustomerId: parentId, updatedAt: core.now() })
    .where(and(eq(customers.id, customerId), tenantScope(actor, customers.tenantId))).returning({ id: customers.id })
  if (!rows.length) throw new NotFound('Customer', customerId)
}
