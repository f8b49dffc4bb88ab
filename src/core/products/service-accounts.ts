import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'
import { NotFound } from '../errors.ts'
import { idIn } from './id-list.ts'
import { tenantScope, validId } from '../kernel/index.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'
import { queryProducts, type CatalogProduct } from './catalog.ts'
import { accountServices, devices, subscriptionPlans } from './products.table.ts'

// The read side of accounts as service identities (spec/porta.md §10 "PortaAccount"): an account
// with its customer, its main product (an alias's is its master's), billing, PBX extension, device,
// subscription instance and usage. Accounts are those of customers of the actor's tenant (an
// account's customer is its own, else its owner user's), closed ones only when asked.

export type ServiceKind = 'sip' | 'did' | 'alias' | 'voucher'
export type BillingModel = 'prepaid' | 'postpaid' | 'voucher' | 'alias' | 'beneficiary'

export interface ServiceAccount {
  id: number
  tenantId: number
  partnerName: string
  customerId: number
  customerName: string
  /** The customer's parent when it is a sub-reseller. */
  subReseller: { id: number; name: string } | null
  kind: ServiceKind
  /** The login or number (`AccountId`): a DID's number, else the login name. */
  login: string | null
  username: string | null
  firstName: string | null
  lastName: string | null
  email: string | null
  phone: string | null
  address: string | null
  contact: Record<string, string>
  displayName: string | null
  active: boolean
  masterAccountId: number
  product: CatalogProduct | null
  billingModel: BillingModel
  currency: string | null
  balance: string
  creditLimit: string
  extensionNumber: string | null
  extensionName: string | null
  device: { id: number; modelId: number } | null
  subscription: { id: number; name: string; fee: string; from: Date | null; to: Date | null } | null
  createdAt: Date
  activatedAt: Date
  closedAt: Date | null
  firstUsageAt: Date | null
  lastUsageAt: Date | null
  inactivityExpireDays: number
  /** The SIP secret in clear, only when asked for. */
  secret: string | null
}

/** Which accounts to read. */
export interface ServiceAccountQuery {
  customerId?: number
  accountIds?: number[]
  /** `AccountId` exactly (case-sensitive). */
  login?: string
  /** Main product ids (an alias's product is its master's). */
  productIds?: number[]
  includeClosed?: boolean
  withSecret?: boolean
}

const master = alias(accountServices, 'master_service')
const parent = alias(customers, 'parent_customer')
const accountCustomer = sql<number>`coalesce(${accounts.customerId}, ${users.customerId})`
const loginOf = sql<string | null>`case when ${accounts.type} = 'did' then coalesce(${accounts.phone}, ${accounts.username}) else coalesce(${accounts.username}, ${accounts.phone}) end`
const mainProductOf = sql<number | null>`coalesce(${master.productId}, ${accountServices.productId})`

/** Accounts in scope matching `q`, by id. */
export async function queryServiceAccounts(core: Core, actor: Actor, q: ServiceAccountQuery): Promise<ServiceAccount[]> {
  if (q.accountIds && !q.accountIds.length) return []
  if (q.productIds && !q.productIds.length) return []
  const where: (SQL | undefined)[] = [tenantScope(actor, accounts.tenantId)]
  if (q.customerId !== undefined) where.push(eq(customers.id, q.customerId))
  if (q.accountIds) where.push(idIn(accounts.id, q.accountIds))
  if (q.login !== undefined) where.push(sql`${loginOf} = ${q.login}`)
  if (q.productIds) where.push(idIn(mainProductOf, q.productIds))
  if (!q.includeClosed) where.push(isNull(accountServices.closedAt))
  const rows = await core.db.select({
    a: { id: accounts.id, tenantId: accounts.tenantId, type: accounts.type, username: accounts.username, firstName: accounts.firstName, lastName: accounts.lastName,
      email: accounts.email, phone: accounts.phone, address: accounts.address, active: accounts.active, createdAt: accounts.createdAt, passwdEnc: accounts.passwdEnc },
    login: loginOf,
    customer: { id: customers.id, name: customers.name },
    parent: { id: parent.id, name: parent.name },
    partnerName: resellers.name,
    s: accountServices,
    mainProductId: mainProductOf,
    plan: { id: subscriptionPlans.id, name: subscriptionPlans.name, fee: subscriptionPlans.fee },
    device: { id: devices.id, modelId: devices.modelId },
  }).from(accounts)
    .leftJoin(users, eq(users.id, accounts.userId))
    .innerJoin(customers, and(eq(customers.id, accountCustomer), eq(customers.tenantId, accounts.tenantId)))
    .innerJoin(resellers, eq(resellers.id, customers.tenantId))
    .leftJoin(parent, and(eq(parent.id, customers.parentCustomerId), eq(parent.isReseller, true)))
    .leftJoin(accountServices, eq(accountServices.accountId, accounts.id))
    .leftJoin(master, eq(master.accountId, accountServices.masterAccountId))
    .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, accountServices.subscriptionId))
    .leftJoin(devices, eq(devices.accountId, accounts.id))
    .where(and(...where))
    .orderBy(asc(accounts.id))
  const productIds = [...new Set(rows.map((r) => r.mainProductId).filter((id): id is number => !!id))]
  const productList = await queryProducts(core, actor, { ids: productIds })
  const byId = new Map(productList.map((p) => [p.id, p]))
  return rows.map((r): ServiceAccount => {
    const s = r.s
    const kind: ServiceKind = s?.kind ?? (r.a.type === 'did' ? 'did' : 'sip')
    return {
      id: r.a.id, tenantId: r.a.tenantId!, partnerName: r.partnerName, customerId: r.customer.id, customerName: r.customer.name,
      subReseller: r.parent?.id ? { id: r.parent.id, name: r.parent.name } : null,
      kind, login: r.login, username: r.a.username, firstName: r.a.firstName, lastName: r.a.lastName, email: r.a.email, phone: r.a.phone,
      address: r.a.address, contact: s?.contact ?? {}, displayName: s?.displayName ?? null, active: r.a.active,
      masterAccountId: s?.masterAccountId ?? 0, product: r.mainProductId ? byId.get(r.mainProductId) ?? null : null,
      billingModel: s?.billingModel ?? (kind === 'alias' ? 'alias' : kind === 'voucher' ? 'voucher' : 'prepaid'),
      currency: s?.currency ?? null, balance: s?.balance ?? '0', creditLimit: s?.creditLimit ?? '0',
      extensionNumber: s?.extensionNumber ?? null, extensionName: s?.extensionName ?? null,
      device: r.device?.id ? { id: r.device.id, modelId: r.device.modelId } : null,
      subscription: r.plan?.id ? { id: r.plan.id, name: r.plan.name, fee: r.plan.fee, from: s?.subscriptionFrom ?? null, to: s?.subscriptionTo ?? null } : null,
      createdAt: r.a.createdAt, activatedAt: s?.activatedAt ?? r.a.createdAt, closedAt: s?.closedAt ?? null,
      firstUsageAt: s?.firstUsageAt ?? null, lastUsageAt: s?.lastUsageAt ?? null, inactivityExpireDays: s?.inactivityExpireDays ?? 0,
      secret: q.withSecret && r.a.passwdEnc ? core.keyring.decrypt(r.a.passwdEnc) : null,
    }
  })
}

/** One non-closed account in scope by id or by `AccountId`; NotFound otherwise. */
export async function getServiceAccount(core: Core, actor: Actor, by: { id: number } | { login: string }, opts: { withSecret?: boolean } = {}): Promise<ServiceAccount> {
  if ('id' in by && !validId(by.id)) throw new NotFound('Account', by.id)
  // PostgreSQL text cannot hold NUL: such a login names no account.
  if ('login' in by && by.login.includes('\u0000')) throw new NotFound('Account', by.login)
  const [a] = await queryServiceAccounts(core, actor, { ...('id' in by ? { accountIds: [by.id] } : { login: by.login }), withSecret: opts.withSecret })
  if (!a) throw new NotFound('Account', 'id' in by ? by.id : by.login)
  return a
}

/** A customer of the actor's tenant exists (else NotFound): the subject check of customer-scoped reads. */
export async function assertCustomer(core: Core, actor: Actor, customerId: number): Promise<{ id: number; parentCustomerId: number | null; isReseller: boolean }> {
  if (!validId(customerId)) throw new NotFound('Customer', customerId)
  const [c] = await core.db.select({ id: customers.id, parentCustomerId: customers.parentCustomerId, isReseller: customers.isReseller }).from(customers)
    .where(and(eq(customers.id, customerId), tenantScope(actor, customers.tenantId)))
  if (!c) throw new NotFound('Customer', customerId)
  return c
}

/** The sub-reseller (a customer with the reseller role) of the actor's tenant; NotFound otherwise. */
export async function assertSubReseller(core: Core, actor: Actor, customerId: number): Promise<void> {
  const c = await assertCustomer(core, actor, customerId).catch(() => null)
  if (!c || !c.isReseller) throw new NotFound('Reseller', customerId)
}
