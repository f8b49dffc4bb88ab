import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { idIn } from './id-list.ts'
import { tenantScope } from '../kernel/index.ts'
import { visibilityKey } from '../read-cache.ts'
import { queryProducts, type CatalogProduct } from './catalog.ts'
import { effectiveFeatures, type EffectiveFeature, type FeatureSetting } from './features.ts'
import { accountAddons, accountServices, huntGroupMembers, huntGroups, serviceFeatures } from './products.table.ts'
import type { ServiceAccount } from './service-accounts.ts'

// What accounts hold beyond their own row (spec/porta.md §10): add-on assignments, effective
// service features and hunt groups. Each loader takes accounts already read in scope.

/** An add-on product attached to an account for a period. */
export interface AddonAssignment {
  id: number
  accountId: number
  addon: CatalogProduct
  effectiveFrom: Date
  /** Null = open-ended. */
  effectiveTo: Date | null
}

/** Whether an assignment is current at `now`. */
export function isCurrent(g: { effectiveFrom: Date; effectiveTo: Date | null }, now: Date): boolean {
  return g.effectiveFrom <= now && (g.effectiveTo === null || g.effectiveTo > now)
}

/** The add-on assignments of these accounts, by account then assignment id. */
export async function addonAssignments(core: Core, actor: Actor, accountIds: number[]): Promise<AddonAssignment[]> {
  if (!accountIds.length) return []
  const rows = await core.db.select().from(accountAddons)
    .where(and(idIn(accountAddons.accountId, accountIds), tenantScope(actor, accountAddons.tenantId)))
    .orderBy(asc(accountAddons.accountId), asc(accountAddons.id))
  const addons = new Map((await queryProducts(core, actor, { ids: [...new Set(rows.map((r) => r.addonProductId))] })).map((p) => [p.id, p]))
  return rows.filter((r) => addons.has(r.addonProductId)).map((r) => ({
    id: r.id, accountId: r.accountId, addon: addons.get(r.addonProductId)!, effectiveFrom: r.effectiveFrom, effectiveTo: r.effectiveTo,
  }))
}

/** Feature settings of these accounts and products, by subject. */
interface FeatureSettings {
  ofProduct: Map<number, FeatureSetting[]>
  ofAccount: Map<number, FeatureSetting[]>
}

async function featureSettings(core: Core, actor: Actor, accountIds: number[], productIds: number[]): Promise<FeatureSettings> {
  const rows = await core.db.select().from(serviceFeatures).where(and(tenantScope(actor, serviceFeatures.tenantId), or(
    idIn(serviceFeatures.accountId, accountIds),
    productIds.length ? idIn(serviceFeatures.productId, productIds) : undefined,
  )))
  const ofProduct = new Map<number, FeatureSetting[]>()
  const ofAccount = new Map<number, FeatureSetting[]>()
  for (const r of rows) {
    const setting = { name: r.name, enabled: r.enabled, attributes: r.attributes }
    if (r.productId) listIn(ofProduct, r.productId).push(setting)
    if (r.accountId) listIn(ofAccount, r.accountId).push(setting)
  }
  return { ofProduct, ofAccount }
}

/** The list under `key`, made empty on first use. */
function listIn<T>(map: Map<number, T[]>, key: number): T[] {
  let list = map.get(key)
  if (!list) map.set(key, (list = []))
  return list
}

/** Each account's assignments, in their order: one pass, not a filter of all of them per account. */
function assignmentsByAccount(assignments: AddonAssignment[]): Map<number, AddonAssignment[]> {
  const out = new Map<number, AddonAssignment[]>()
  for (const g of assignments) listIn(out, g.accountId).push(g)
  return out
}

/** The products whose settings an account's features draw on: its main product and every add-on it was ever given. */
function featureProducts(list: ServiceAccount[], assignments: AddonAssignment[]): number[] {
  return [...new Set([...list.map((a) => a.product?.id).filter((id): id is number => !!id), ...assignments.map((g) => g.addon.id)])]
}

function effectiveAt(list: ServiceAccount[], assignments: Map<number, AddonAssignment[]>, settings: FeatureSettings, now: Date): Map<number, EffectiveFeature[]> {
  const out = new Map<number, EffectiveFeature[]>()
  for (const a of list) {
    const addons = (assignments.get(a.id) ?? []).filter((g) => isCurrent(g, now))
      .sort((x, y) => x.addon.addonPriority - y.addon.addonPriority || x.addon.id - y.addon.id)
    out.set(a.id, effectiveFeatures([
      a.product ? settings.ofProduct.get(a.product.id) ?? [] : [],
      ...addons.map((g) => settings.ofProduct.get(g.addon.id) ?? []),
      settings.ofAccount.get(a.id) ?? [],
    ]))
  }
  return out
}

/** The effective service features of each account (main product, current add-ons by priority, account). */
export async function accountFeatures(core: Core, actor: Actor, list: ServiceAccount[], assignments: AddonAssignment[], now = new Date()): Promise<Map<number, EffectiveFeature[]>> {
  if (!list.length) return new Map()
  const settings = await featureSettings(core, actor, list.map((a) => a.id), featureProducts(list, assignments))
  return effectiveAt(list, assignmentsByAccount(assignments), settings, now)
}

/** What accounts hold beyond their own row: add-on assignments, effective features at a time, hunt groups. */
export interface AccountHoldings {
  /** Each account's add-on assignments, by assignment id. */
  assignments: Map<number, AddonAssignment[]>
  /** Each account's features effective at the time asked. */
  features: Map<number, EffectiveFeature[]>
  /** Each account's hunt groups (those it is a member of), by group id. */
  huntGroups: Map<number, HuntGroup[]>
}

const HOLDINGS_TABLES = ['account_addons', 'products', 'product_groups', 'subscription_plans', 'service_features', 'hunt_groups', 'hunt_group_members', 'account_services']

/**
 * What these accounts hold, their features effective at `now` (three or four reads whatever their
 * number). One account's holdings (INFO) are cached exactly; its features are worked out anew.
 */
export async function accountHoldings(core: Core, actor: Actor, list: ServiceAccount[], now = new Date()): Promise<AccountHoldings> {
  const read = async () => {
    const ids = list.map((a) => a.id)
    const [assignments, huntGroups] = await Promise.all([addonAssignments(core, actor, ids), huntGroupsOf(core, actor, ids)])
    const settings = await featureSettings(core, actor, ids, featureProducts(list, assignments))
    return { assignments, huntGroups, settings }
  }
  if (!list.length) return { assignments: new Map(), features: new Map(), huntGroups: new Map() }
  const only = list.length === 1 ? list[0]! : null
  const raw = only ? await core.reads.get(`account-holdings:${visibilityKey(actor)}:${only.id}:${only.product?.id ?? 0}`, HOLDINGS_TABLES, read) : await read()
  const assignments = assignmentsByAccount(raw.assignments)
  const huntGroups = new Map<number, HuntGroup[]>()
  for (const h of raw.huntGroups) for (const id of new Set(h.members.map((m) => m.accountId))) listIn(huntGroups, id).push(h)
  return { assignments, huntGroups, features: effectiveAt(list, assignments, raw.settings, now) }
}

/** Products among `productIds` that set at least one service feature. */
export async function productsWithFeatures(core: Core, actor: Actor, productIds: number[]): Promise<Set<number>> {
  if (!productIds.length) return new Set()
  const rows = await core.db.selectDistinct({ id: serviceFeatures.productId }).from(serviceFeatures)
    .where(and(idIn(serviceFeatures.productId, productIds), tenantScope(actor, serviceFeatures.tenantId)))
  return new Set(rows.map((r) => r.id!))
}

/** A hunt group with its members in hunt order. */
export interface HuntGroup {
  id: number
  customerId: number
  name: string
  number: string
  sequence: 'Order' | 'Simultaneous' | 'Random' | 'Least Used'
  keepOriginalCli: boolean
  active: boolean
  pickupAllowed: boolean
  createdAt: Date
  members: {
    id: number
    accountId: number
    extensionNumber: string | null
    extensionName: string | null
    huntOrder: number
    delaySeconds: number
    timeoutSeconds: number
    active: boolean
    huntstop: boolean
    primaryGroup: boolean
  }[]
}

/** Hunt groups matching `where`, by id, each with its members in hunt order and its reseller. */
export async function loadHuntGroups(core: Core, where: SQL | undefined): Promise<(HuntGroup & { tenantId: number })[]> {
  const groups = await core.db.select().from(huntGroups).where(where).orderBy(asc(huntGroups.id))
  if (!groups.length) return []
  const members = await core.db.select({ m: huntGroupMembers, extensionNumber: accountServices.extensionNumber, extensionName: accountServices.extensionName })
    .from(huntGroupMembers).leftJoin(accountServices, eq(accountServices.accountId, huntGroupMembers.accountId))
    .where(idIn(huntGroupMembers.groupId, groups.map((g) => g.id))).orderBy(asc(huntGroupMembers.huntOrder), asc(huntGroupMembers.id))
  return groups.map((g) => ({
    id: g.id, tenantId: g.tenantId, customerId: g.customerId, name: g.name, number: g.number, sequence: g.sequence, keepOriginalCli: g.keepOriginalCli,
    active: g.active, pickupAllowed: g.pickupAllowed, createdAt: g.createdAt,
    members: members.filter((m) => m.m.groupId === g.id).map(({ m, extensionNumber, extensionName }) => ({
      id: m.id, accountId: m.accountId, extensionNumber, extensionName, huntOrder: m.huntOrder, delaySeconds: m.delaySeconds,
      timeoutSeconds: m.timeoutSeconds, active: m.active, huntstop: m.huntstop, primaryGroup: m.primaryGroup,
    })),
  }))
}

/** The hunt groups having any of these accounts as a member, by group id. */
export async function huntGroupsOf(core: Core, actor: Actor, accountIds: number[]): Promise<HuntGroup[]> {
  if (!accountIds.length) return []
  const withMember = core.db.select({ id: huntGroupMembers.groupId }).from(huntGroupMembers).where(idIn(huntGroupMembers.accountId, accountIds))
  return loadHuntGroups(core, and(inArray(huntGroups.id, withMember), tenantScope(actor, huntGroups.tenantId)))
}
