import { and, asc, eq, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { resellerFilter } from '../platform/platform.ts'
import { createProductGroup, createSubscriptionPlan } from './catalog.ts'
import { setServiceFeature } from './account-services.ts'
import type { FeatureSetting } from './features.ts'
import { actorForReseller, actorForRow } from './operator-scope.ts'
import { productGroups, products, serviceFeatures, subscriptionPlans } from './products.table.ts'

// The operator's view of product groups, subscription plans and the service features a product sets
// (native admin API, CLI; spec/porta.md §10): a reseller administrator manages its own, the
// platform admin names the reseller.

export interface ProductGroup { id: number; resellerId: number; name: string; createdAt: Date }
export interface SubscriptionPlan { id: number; resellerId: number; name: string; fee: string; createdAt: Date }

async function page<T>(rows: Promise<T[]>, q: PageRequest): Promise<Page<T>> {
  const { limit, offset } = pageWindow(q)
  const all = await rows
  return { items: all.slice(offset, offset + limit), total: all.length }
}

const tenantIs = (column: AnyPgColumn, tenant: number | undefined): SQL | undefined => (tenant === undefined ? undefined : eq(column, tenant))

/** Product groups of the caller's reseller (the platform admin: all, or one reseller's), by id. */
export async function pageProductGroups(core: Core, actor: Actor, q: { resellerId?: number } & PageRequest = {}): Promise<Page<ProductGroup>> {
  const tenant = resellerFilter(actor, q.resellerId)
  return page(core.db.select({ id: productGroups.id, resellerId: productGroups.tenantId, name: productGroups.name, createdAt: productGroups.createdAt })
    .from(productGroups).where(tenantIs(productGroups.tenantId, tenant)).orderBy(asc(productGroups.id)), q)
}

/** Creates a product group of the caller's reseller (the platform admin names it). */
export async function createResellerProductGroup(core: Core, actor: Actor, input: { resellerId?: number; name: string }): Promise<ProductGroup> {
  const reseller = await actorForReseller(core, actor, input.resellerId)
  const g = await createProductGroup(core, reseller, input.name)
  const [row] = await core.db.select({ createdAt: productGroups.createdAt }).from(productGroups).where(eq(productGroups.id, g.id))
  return { id: g.id, resellerId: reseller.tenantId!, name: g.name, createdAt: row!.createdAt }
}

/** Subscription plans of the caller's reseller (the platform admin: all, or one reseller's), by id. */
export async function pageSubscriptionPlans(core: Core, actor: Actor, q: { resellerId?: number } & PageRequest = {}): Promise<Page<SubscriptionPlan>> {
  const tenant = resellerFilter(actor, q.resellerId)
  return page(core.db.select({ id: subscriptionPlans.id, resellerId: subscriptionPlans.tenantId, name: subscriptionPlans.name, fee: subscriptionPlans.fee, createdAt: subscriptionPlans.createdAt })
    .from(subscriptionPlans).where(tenantIs(subscriptionPlans.tenantId, tenant)).orderBy(asc(subscriptionPlans.id)), q)
}

/** Creates a subscription plan (a recurring fee that products bundle) of the caller's reseller. */
export async function createResellerSubscriptionPlan(core: Core, actor: Actor, input: { resellerId?: number; name: string; fee: string }): Promise<SubscriptionPlan> {
  const reseller = await actorForReseller(core, actor, input.resellerId)
  const p = await createSubscriptionPlan(core, reseller, input)
  const [row] = await core.db.select({ createdAt: subscriptionPlans.createdAt }).from(subscriptionPlans).where(eq(subscriptionPlans.id, p.id))
  return { ...p, resellerId: reseller.tenantId!, createdAt: row!.createdAt }
}

/** The service features a product (main or add-on) sets, by name. */
export async function productFeatureSettings(core: Core, actor: Actor, productId: number): Promise<FeatureSetting[]> {
  const reseller = await actorForRow(core, actor, products, productId, 'Product')
  return featureRows(core, reseller, eq(serviceFeatures.productId, productId))
}

/** Sets a service feature on a product (replacing its previous setting); the product's features as they then are. */
export async function setProductFeature(core: Core, actor: Actor, productId: number, setting: FeatureSetting): Promise<FeatureSetting[]> {
  const reseller = await actorForRow(core, actor, products, productId, 'Product')
  await setServiceFeature(core, reseller, { productId }, setting)
  return featureRows(core, reseller, eq(serviceFeatures.productId, productId))
}

/** Feature settings of one subject (a product or an account), by name. */
export async function featureRows(core: Core, reseller: Actor, subject: SQL): Promise<FeatureSetting[]> {
  const rows = await core.db.select({ name: serviceFeatures.name, enabled: serviceFeatures.enabled, attributes: serviceFeatures.attributes }).from(serviceFeatures)
    .where(and(subject, eq(serviceFeatures.tenantId, reseller.tenantId!))).orderBy(asc(serviceFeatures.name))
  return rows
}
