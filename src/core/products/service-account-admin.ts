import { and, eq } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { updateAccount } from '../accounts/index.ts'
import { customers } from '../customers/customers.table.ts'
import { Invalid, NotFound } from '../errors.ts'
import { pageWindow, type Page, type PageRequest } from '../kernel/pages.ts'
import { resellerFilter } from '../platform/platform.ts'
import { assignAddon, createServiceAccount, provisionDevice, setAccountService, setServiceFeature, type AccountServicePatch, type NewServiceAccount } from './account-services.ts'
import { featureRows } from './catalog-admin.ts'
import type { EffectiveFeature, FeatureSetting } from './features.ts'
import { actorForRow } from './operator-scope.ts'
import { accountAddons, serviceFeatures } from './products.table.ts'
import { pageServiceAccounts, queryServiceAccounts, type ServiceAccount } from './service-accounts.ts'
import { accountFeatures, addonAssignments, type AddonAssignment } from './service-details.ts'

// The operator's view of service accounts (native admin API, CLI; spec/porta.md §10): SIP, DID
// (drawn from the number inventory), alias and voucher accounts of a customer, with their billing,
// blocking and closing, own service features, add-on assignments and device. A reseller
// administrator acts on its own tenant; the platform admin on the tenant of the customer or account
// it names. Closed accounts stay readable here (Porta treats them as gone).

const actorForAccount = (core: Core, actor: Actor, id: number) => actorForRow(core, actor, accounts, id, 'Account')

async function readAccount(core: Core, reseller: Actor, id: number): Promise<ServiceAccount> {
  const [a] = await queryServiceAccounts(core, reseller, { accountIds: [id], includeClosed: true })
  // An account of the tenant that belongs to no customer is not a service account.
  if (!a) throw new NotFound('Account', id)
  return a
}

/** Service accounts of the caller's reseller (the platform admin: all, or one reseller's), optionally of one customer, by id. */
export async function listOperatorServiceAccounts(core: Core, actor: Actor, q: { resellerId?: number; customerId?: number; includeClosed?: boolean } & PageRequest = {}): Promise<Page<ServiceAccount>> {
  const window = pageWindow(q)
  const tenantId = resellerFilter(actor, q.resellerId)
  let scope = actor
  if (q.customerId !== undefined) scope = await actorForRow(core, actor, customers, q.customerId, 'Customer')
  const { total, accounts } = await pageServiceAccounts(core, scope, { tenantId, customerId: q.customerId, includeClosed: q.includeClosed }, window)
  return { items: accounts, total }
}

/** One service account (closed ones too). */
export async function showServiceAccount(core: Core, actor: Actor, id: number): Promise<ServiceAccount> {
  return readAccount(core, await actorForAccount(core, actor, id), id)
}

/** Creates a SIP, DID, alias or voucher account of a customer, with its service record. */
export async function createCustomerServiceAccount(core: Core, actor: Actor, input: NewServiceAccount): Promise<ServiceAccount> {
  const reseller = await actorForRow(core, actor, customers, input.customerId, 'Customer')
  return createServiceAccount(core, reseller, input)
}

/** Changes an account's service record: main product, billing, money, display name, contact, extension, subscription instance. */
export async function updateServiceAccount(core: Core, actor: Actor, id: number, patch: AccountServicePatch): Promise<ServiceAccount> {
  const reseller = await actorForAccount(core, actor, id)
  await readAccount(core, reseller, id)
  if (patch.closedAt !== undefined) throw new Invalid('closedAt', 'accounts are closed with close')
  return setAccountService(core, reseller, id, patch)
}

/** Blocks (`blocked` true) or unblocks an account: the shared active flag every dialect reads. */
export async function setServiceAccountBlocked(core: Core, actor: Actor, id: number, blocked: boolean): Promise<ServiceAccount> {
  const reseller = await actorForAccount(core, actor, id)
  const a = await readAccount(core, reseller, id)
  if (a.closedAt && !blocked) throw new Invalid('id', 'the account is closed')
  await updateAccount(core, reseller, id, { active: !blocked })
  return readAccount(core, reseller, id)
}

/** Closes an account now (it is blocked and Porta no longer lists it); closing twice keeps the first date. */
export async function closeServiceAccount(core: Core, actor: Actor, id: number): Promise<ServiceAccount> {
  const reseller = await actorForAccount(core, actor, id)
  const a = await readAccount(core, reseller, id)
  if (a.closedAt) return a
  await updateAccount(core, reseller, id, { active: false })
  return setAccountService(core, reseller, id, { closedAt: core.now() })
}

/** An account's own feature settings and its effective features (account → add-ons → product). */
export interface AccountFeatureView { own: FeatureSetting[]; effective: EffectiveFeature[] }

/** The features of an account: its own settings and the effective ones. */
export async function serviceAccountFeatures(core: Core, actor: Actor, id: number): Promise<AccountFeatureView> {
  const reseller = await actorForAccount(core, actor, id)
  const a = await readAccount(core, reseller, id)
  const effective = (await accountFeatures(core, reseller, [a], await addonAssignments(core, reseller, [id]), core.now())).get(id) ?? []
  return { own: await featureRows(core, reseller, eq(serviceFeatures.accountId, id)), effective }
}

/** Sets a service feature on an account (overriding its product and add-ons); its features as they then are. */
export async function setServiceAccountFeature(core: Core, actor: Actor, id: number, setting: FeatureSetting): Promise<AccountFeatureView> {
  const reseller = await actorForAccount(core, actor, id)
  await setServiceFeature(core, reseller, { accountId: id }, setting)
  return serviceAccountFeatures(core, reseller, id)
}

/** The add-on assignments of an account, by id. */
export async function serviceAccountAddons(core: Core, actor: Actor, id: number): Promise<AddonAssignment[]> {
  const reseller = await actorForAccount(core, actor, id)
  await readAccount(core, reseller, id)
  return addonAssignments(core, reseller, [id])
}

/** Attaches an add-on product of the account's reseller to the account for a period. */
export async function addServiceAccountAddon(core: Core, actor: Actor, id: number, input: { addonProductId: number; from?: Date; to?: Date | null }): Promise<AddonAssignment> {
  const reseller = await actorForAccount(core, actor, id)
  const { id: assignmentId } = await assignAddon(core, reseller, { accountId: id, addonProductId: input.addonProductId, from: input.from ?? core.now(), to: input.to })
  return (await addonAssignments(core, reseller, [id])).find((g) => g.id === assignmentId)!
}

/** Changes the end of an add-on assignment (`to` null = open-ended again); ending it now stops its features now. */
export async function setServiceAccountAddonEnd(core: Core, actor: Actor, id: number, assignmentId: number, to: Date | null): Promise<AddonAssignment> {
  const reseller = await actorForAccount(core, actor, id)
  const g = (await addonAssignments(core, reseller, [id])).find((x) => x.id === assignmentId)
  if (!g) throw new NotFound('Add-on assignment', assignmentId)
  if (to && to <= g.effectiveFrom) throw new Invalid('to', 'must be after from')
  await core.db.update(accountAddons).set({ effectiveTo: to }).where(and(eq(accountAddons.id, assignmentId), eq(accountAddons.accountId, id)))
  return { ...g, effectiveTo: to }
}

/** Provisions a phone of a model for an account (replacing any previous one). */
export async function setServiceAccountDevice(core: Core, actor: Actor, id: number, input: { modelId: number; mac?: string | null }): Promise<ServiceAccount> {
  const reseller = await actorForAccount(core, actor, id)
  await provisionDevice(core, reseller, id, input)
  return readAccount(core, reseller, id)
}
