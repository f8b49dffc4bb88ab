import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { primaryUserId } from '../accounts/customer-accounts.ts'
import { Conflict, Invalid, NotFound } from '../errors.ts'
import { integerRule, required, textRule } from '../kernel/field-rules.ts'
import { isUniqueViolation, tenantScope } from '../kernel/index.ts'
import { allocateNumbers, type FreeNumber } from '../numbers/allocation.ts'
import { trackingNumbers } from '../numbers/numbers.table.ts'
import { getProduct } from './catalog.ts'
import { checkFeature, type FeatureSetting } from './features.ts'
import { accountAddons, accountServices, devices, huntGroupMembers, huntGroups, serviceFeatures, subscriptionPlans } from './products.table.ts'
import { assertCustomer, getServiceAccount, queryServiceAccounts, type BillingModel, type ServiceAccount } from './service-accounts.ts'

// Writing what accounts hold of the catalogue (spec/porta.md §10): service accounts of every kind,
// their main product, billing, extension, usage, subscription instance, add-on assignments, service
// features, hunt groups and devices. Every subject is checked in the actor's tenant.

const BILLING_MODELS: readonly BillingModel[] = ['prepaid', 'postpaid', 'voucher', 'alias', 'beneficiary']
const MONEY = /^-?[0-9]{1,9}(\.[0-9]{1,5})?$/
const CONTACT_FIELDS = ['salutation', 'middleInitials', 'companyName', 'address1', 'address2', 'address3', 'address4', 'city', 'region', 'postcode',
  'country', 'phone2', 'fax', 'note'] as const

/** What may be set on an account's service record (absent = unchanged). */
export interface AccountServicePatch {
  productId?: number | null
  billingModel?: BillingModel
  currency?: string | null
  balance?: string | number
  creditLimit?: string | number
  displayName?: string | null
  contact?: Partial<Record<(typeof CONTACT_FIELDS)[number], string>>
  extensionNumber?: string | null
  extensionName?: string | null
  activatedAt?: Date
  closedAt?: Date | null
  inactivityExpireDays?: number
  subscription?: { planId: number; from: Date; to?: Date | null } | null
}

function money(field: string, v: string | number | undefined): string | undefined {
  if (v === undefined) return undefined
  const text = String(v).trim()
  if (!MONEY.test(text)) throw new Invalid(field, 'must be an amount with at most 5 decimals')
  return text
}

function time(field: string, v: Date | null | undefined): Date | null | undefined {
  if (v === undefined || v === null) return v
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw new Invalid(field, 'must be a time')
  return v
}

async function accountInScope(core: Core, actor: Actor, accountId: number): Promise<ServiceAccount> {
  const [a] = await queryServiceAccounts(core, actor, { accountIds: [accountId], includeClosed: true })
  if (!a) throw new NotFound('Account', accountId)
  return a
}

/** Sets an account's service record (created on first use). */
export async function setAccountService(core: Core, actor: Actor, accountId: number, patch: AccountServicePatch): Promise<ServiceAccount> {
  const a = await accountInScope(core, actor, accountId)
  const c: Partial<typeof accountServices.$inferInsert> = {}
  if (patch.productId !== undefined) {
    if (patch.productId !== null && (await getProduct(core, actor, patch.productId)).kind !== 'main') throw new Invalid('productId', 'is not a main product')
    c.productId = patch.productId
  }
  if (patch.billingModel !== undefined) {
    if (!BILLING_MODELS.includes(patch.billingModel)) throw new Invalid('billingModel', `must be one of ${BILLING_MODELS.join(', ')}`)
    c.billingModel = patch.billingModel
  }
  if (patch.currency !== undefined) {
    if (patch.currency !== null && !/^[A-Za-z]{3}$/.test(patch.currency)) throw new Invalid('currency', 'must be a three-letter currency code')
    c.currency = patch.currency?.toUpperCase() ?? null
  }
  c.balance = money('balance', patch.balance)
  c.creditLimit = money('creditLimit', patch.creditLimit)
  if (patch.displayName !== undefined) c.displayName = textRule('displayName', patch.displayName)
  if (patch.contact !== undefined) {
    for (const [k, v] of Object.entries(patch.contact)) {
      if (!(CONTACT_FIELDS as readonly string[]).includes(k)) throw new Invalid('contact', `has no field ${k}`)
      textRule(`contact.${k}`, v)
    }
    c.contact = { ...a.contact, ...patch.contact } as Record<string, string>
  }
  if (patch.extensionNumber !== undefined) {
    if (patch.extensionNumber !== null && !/^[0-9]{1,15}$/.test(patch.extensionNumber)) throw new Invalid('extensionNumber', 'must be 1-15 digits')
    c.extensionNumber = patch.extensionNumber
  }
  if (patch.extensionName !== undefined) c.extensionName = textRule('extensionName', patch.extensionName)
  if (patch.activatedAt !== undefined) c.activatedAt = time('activatedAt', patch.activatedAt)
  if (patch.closedAt !== undefined) c.closedAt = time('closedAt', patch.closedAt)
  if (patch.inactivityExpireDays !== undefined) c.inactivityExpireDays = integerRule('inactivityExpireDays', patch.inactivityExpireDays, 0, 36_500)
  if (patch.subscription !== undefined) {
    if (patch.subscription === null) Object.assign(c, { subscriptionId: null, subscriptionFrom: null, subscriptionTo: null })
    else {
      const [plan] = await core.db.select({ id: subscriptionPlans.id }).from(subscriptionPlans)
        .where(and(eq(subscriptionPlans.id, patch.subscription.planId), tenantScope(actor, subscriptionPlans.tenantId)))
      if (!plan) throw new NotFound('Subscription', patch.subscription.planId)
      Object.assign(c, { subscriptionId: plan.id, subscriptionFrom: time('subscription.from', patch.subscription.from), subscriptionTo: time('subscription.to', patch.subscription.to ?? null) })
    }
  }
  for (const k of Object.keys(c) as (keyof typeof c)[]) if (c[k] === undefined) delete c[k]
  await core.db.insert(accountServices).values({ accountId, tenantId: a.tenantId, ...c })
    .onConflictDoUpdate({ target: accountServices.accountId, set: Object.keys(c).length ? c : { tenantId: a.tenantId } })
  return accountInScope(core, actor, accountId)
}

/** A new service account of a customer. */
export interface NewServiceAccount {
  customerId: number
  kind: 'sip' | 'did' | 'alias' | 'voucher'
  /** The login (SIP, alias, voucher); for a DID, its number from the customer's number inventory. */
  login: string
  secret?: string | null
  firstName?: string | null
  lastName?: string | null
  email?: string | null
  /** Main product (not for aliases: an alias draws on its master's). */
  productId?: number | null
  /** The master account of an alias. */
  masterAccountId?: number
  service?: AccountServicePatch
}

/**
 * Creates an account of a customer of the tenant, owned by its primary user: SIP or voucher (a
 * login), DID (a number allocated to the customer in the number inventory, then held by this
 * account), or alias (of a master account of the same customer).
 */
export async function createServiceAccount(core: Core, actor: Actor, input: NewServiceAccount): Promise<ServiceAccount> {
  const customer = await assertCustomer(core, actor, input.customerId)
  const login = required('login', textRule('login', input.login))
  if (!['sip', 'did', 'alias', 'voucher'].includes(input.kind)) throw new Invalid('kind', 'must be sip, did, alias or voucher')
  let number: FreeNumber | null = null
  if (input.kind === 'did') {
    // A DID is a number of the inventory (the partner's own stock or the deployment's), allocated
    // to the customer here as Delacon allocation does: the allocation makes its `did` account.
    if (!/^[0-9]{3,20}$/.test(login)) throw new Invalid('login', 'a DID is a number of digits')
    const [n] = await core.db.select({ id: trackingNumbers.id, number: trackingNumbers.number, state: trackingNumbers.state, customerId: trackingNumbers.customerId })
      .from(trackingNumbers).where(and(eq(trackingNumbers.number, login), or(isNull(trackingNumbers.tenantId), eq(trackingNumbers.tenantId, actor.tenantId ?? -1))))
    if (!n) throw new Invalid('login', 'is not a number of the inventory')
    if (n.state !== 'free') throw new Conflict('login', n.customerId === customer.id ? 'already has a DID account' : 'is allocated to another customer')
    number = { id: n.id, number: n.number }
  }
  if (input.kind === 'alias') {
    const m = await getServiceAccount(core, actor, { id: input.masterAccountId ?? 0 }).catch(() => null)
    if (!m || m.customerId !== customer.id) throw new Invalid('masterAccountId', 'must be an account of the same customer')
    if (m.kind === 'alias') throw new Invalid('masterAccountId', 'must not be an alias')
  }
  let accountId: number
  try {
    accountId = await core.db.transaction(async (tx) => {
      const id = number ? await allocatedAccount(tx, number, customer.id, actor.tenantId!, core.now()) : null
      const [row] = id ? [{ id }] : await tx.insert(accounts).values({
        tenantId: actor.tenantId, customerId: customer.id, userId: primaryUserId(customer.id), type: input.kind === 'did' ? 'did' : 'account',
        username: login, phone: input.kind === 'did' ? login : null, passwdEnc: input.secret ? core.keyring.encrypt(input.secret) : null,
        firstName: textRule('firstName', input.firstName) ?? null, lastName: textRule('lastName', input.lastName) ?? null, email: textRule('email', input.email) ?? null,
      }).returning({ id: accounts.id })
      await tx.insert(accountServices).values({
        accountId: row!.id, tenantId: actor.tenantId!, kind: input.kind === 'alias' || input.kind === 'voucher' ? input.kind : null,
        masterAccountId: input.kind === 'alias' ? input.masterAccountId! : null,
      })
      return row!.id
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('login')
    throw e
  }
  return setAccountService(core, actor, accountId, { ...input.service, ...(input.kind !== 'alias' && input.productId !== undefined ? { productId: input.productId } : {}) })
}

/** Allocates a free number to the customer; the id of the `did` account the allocation made. */
async function allocatedAccount(tx: Db, number: FreeNumber, customerId: number, tenantId: number, at: Date): Promise<number> {
  const [taken] = await allocateNumbers(tx, [number], { customerId, tenantId }, at)
  if (!taken) throw new Conflict('login', 'is allocated to another customer')
  const [n] = await tx.select({ accountId: trackingNumbers.accountId }).from(trackingNumbers).where(eq(trackingNumbers.id, number.id))
  return n!.accountId!
}

/** Attaches an add-on product to an account for a period (`to` null = open-ended). */
export async function assignAddon(core: Core, actor: Actor, input: { accountId: number; addonProductId: number; from: Date; to?: Date | null }): Promise<{ id: number }> {
  const a = await accountInScope(core, actor, input.accountId)
  const addon = await getProduct(core, actor, input.addonProductId)
  if (addon.kind !== 'addon') throw new Invalid('addonProductId', 'is not an add-on product')
  const from = time('from', input.from)!
  const to = time('to', input.to ?? null) ?? null
  if (to && to <= from) throw new Invalid('to', 'must be after from')
  const [row] = await core.db.insert(accountAddons).values({ tenantId: a.tenantId, accountId: a.id, addonProductId: addon.id, effectiveFrom: from, effectiveTo: to })
    .returning({ id: accountAddons.id })
  return row!
}

/** Sets a service feature on a product or an account (replacing its previous setting). */
export async function setServiceFeature(core: Core, actor: Actor, subject: { productId: number } | { accountId: number }, setting: FeatureSetting): Promise<void> {
  const f = checkFeature(setting)
  const tenantId = 'productId' in subject ? (await getProduct(core, actor, subject.productId)).tenantId : (await accountInScope(core, actor, subject.accountId)).tenantId
  const productId = 'productId' in subject ? subject.productId : null
  const accountId = 'accountId' in subject ? subject.accountId : null
  await core.db.transaction(async (tx) => {
    await tx.delete(serviceFeatures).where(and(eq(serviceFeatures.name, f.name),
      productId ? eq(serviceFeatures.productId, productId) : eq(serviceFeatures.accountId, accountId!)))
    await tx.insert(serviceFeatures).values({ tenantId, productId, accountId, name: f.name, enabled: f.enabled, attributes: f.attributes })
  })
}

/** Creates a hunt group of a customer. */
export async function createHuntGroup(core: Core, actor: Actor, input: {
  customerId: number; name: string; number: string; sequence?: 'Order' | 'Simultaneous' | 'Random' | 'Least Used'
  keepOriginalCli?: boolean; active?: boolean; pickupAllowed?: boolean
}): Promise<{ id: number }> {
  const c = await assertCustomer(core, actor, input.customerId)
  if (input.sequence && !['Order', 'Simultaneous', 'Random', 'Least Used'].includes(input.sequence)) throw new Invalid('sequence', 'must be Order, Simultaneous, Random or Least Used')
  if (!/^[0-9]{1,15}$/.test(input.number)) throw new Invalid('number', 'must be 1-15 digits')
  const [row] = await core.db.insert(huntGroups).values({
    tenantId: actor.tenantId!, customerId: c.id, name: required('name', textRule('name', input.name)), number: input.number,
    sequence: input.sequence ?? 'Order', keepOriginalCli: input.keepOriginalCli ?? false, active: input.active ?? true, pickupAllowed: input.pickupAllowed ?? false,
  }).returning({ id: huntGroups.id })
  return row!
}

/** Adds an account of the group's customer to a hunt group, last in hunt order. */
export async function addHuntGroupMember(core: Core, actor: Actor, groupId: number, input: {
  accountId: number; delaySeconds?: number; timeoutSeconds?: number; active?: boolean; huntstop?: boolean; primaryGroup?: boolean
}): Promise<{ id: number }> {
  const [g] = await core.db.select().from(huntGroups).where(and(eq(huntGroups.id, groupId), tenantScope(actor, huntGroups.tenantId)))
  if (!g) throw new NotFound('Hunt group', groupId)
  const a = await accountInScope(core, actor, input.accountId)
  if (a.customerId !== g.customerId) throw new Invalid('accountId', 'must be an account of the hunt group\'s customer')
  try {
    const [row] = await core.db.insert(huntGroupMembers).values({
      groupId, accountId: a.id,
      huntOrder: sql`(select coalesce(max(${huntGroupMembers.huntOrder}), 0) + 1 from ${huntGroupMembers} where ${huntGroupMembers.groupId} = ${groupId})`,
      delaySeconds: integerRule('delaySeconds', input.delaySeconds, 0, 3600) ?? 0, timeoutSeconds: integerRule('timeoutSeconds', input.timeoutSeconds, 1, 3600) ?? 30,
      active: input.active ?? true, huntstop: input.huntstop ?? false, primaryGroup: input.primaryGroup ?? false,
    }).returning({ id: huntGroupMembers.id })
    return row!
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('accountId', 'is already a member')
    throw e
  }
}

/** Provisions a phone (a device of a model) for an account, replacing any previous one. */
export async function provisionDevice(core: Core, actor: Actor, accountId: number, input: { modelId: number; mac?: string | null }): Promise<{ id: number }> {
  const a = await accountInScope(core, actor, accountId)
  const modelId = integerRule('modelId', input.modelId, 1, 2_147_483_647)!
  await core.db.delete(devices).where(eq(devices.accountId, a.id))
  const [row] = await core.db.insert(devices).values({ tenantId: a.tenantId, accountId: a.id, modelId, mac: textRule('mac', input.mac) ?? null })
    .returning({ id: devices.id })
  return row!
}

/** Records a call of an account at `at`: the earliest call is its first usage, the latest its last usage. */
export async function recordUsage(core: Core, actor: Actor, accountId: number, at: Date): Promise<void> {
  const a = await accountInScope(core, actor, accountId)
  await core.db.insert(accountServices).values({ accountId: a.id, tenantId: a.tenantId, firstUsageAt: at, lastUsageAt: at })
    .onConflictDoUpdate({
      target: accountServices.accountId,
      set: { firstUsageAt: sql`least(${accountServices.firstUsageAt}, ${at})`, lastUsageAt: sql`greatest(${accountServices.lastUsageAt}, ${at})` },
    })
}
