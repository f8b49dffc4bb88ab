import { and, asc, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'
import { NotFound } from '../errors.ts'
import { visibilityKey } from '../read-cache.ts'
import { idIn } from './id-list.ts'
import { tenantScope, textContains, validId } from '../kernel/index.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'
import { queryProducts, type CatalogProduct } from './catalog.ts'
import { accountAddons, accountServices, devices, products, serviceFeatures, subscriptionPlans } from './products.table.ts'

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

/** Which accounts to read; every given condition must hold. */
export interface ServiceAccountQuery {
  /** One reseller's accounts (for an actor that sees several). */
  tenantId?: number
  customerId?: number
  accountIds?: number[]
  /** Never these accounts. */
  excludeIds?: number[]
  /** `AccountId` exactly (case-sensitive). */
  login?: string
  /** Main product ids (an alias's product is its master's). */
  productIds?: number[]
  /**
   * The main product's `Name` or end-user name contains `term` (ignoring case); with
   * `orAccountText`, an account whose own text (see `accountText`) contains it matches too.
   */
  productText?: { term: string; orAccountText?: boolean }
  /** The account's login, extension number, full name or email contains this (ignoring case). */
  accountText?: string
  kinds?: ServiceKind[]
  excludeKinds?: ServiceKind[]
  /** Only blocked (true) or only unblocked (false) accounts. */
  blocked?: boolean
  /** Only accounts with a provisioned device. */
  withDevice?: boolean
  /** Only accounts with a PBX extension. */
  withExtension?: boolean
  /** Never accounts whose effective service feature of this name is enabled (at `now`). */
  withoutEnabledFeature?: { name: string; now: Date }
  /**
   * Accounts with activity in the window: activated in it (`byActivation`), else a main product
   * whose period (activation to closing) or an add-on assignment whose period overlaps it.
   */
  window?: { from: Date; to: Date; byActivation: boolean }
  includeClosed?: boolean
  withSecret?: boolean
}

/** One window of a query's matches, in id order. */
export interface ServiceAccountPage {
  offset: number
  limit: number
}

const parent = alias(customers, 'parent_customer')
const mainProduct = alias(products, 'main_product')
const accountCustomer = sql<number>`coalesce(${accounts.customerId}, ${users.customerId})`
const loginOf = sql<string | null>`case when ${accounts.type} = 'did' then coalesce(${accounts.phone}, ${accounts.username}) else coalesce(${accounts.username}, ${accounts.phone}) end`
/**
 * The main product: an alias's is its master's (else its own). A subquery run only for aliases, not
 * a join of every account's master row: the id list of 100,000 accounts built no hash of them.
 */
const mainProductOf = sql<number | null>`(case when ${accountServices.masterAccountId} is null then ${accountServices.productId}
  else coalesce((select m.product_id from ${accountServices} m where m.account_id = ${accountServices.masterAccountId}), ${accountServices.productId}) end)`
const kindOf = sql<ServiceKind>`coalesce(${accountServices.kind}, case when ${accounts.type} = 'did' then 'did' else 'sip' end)`
const activatedOf = sql<Date>`coalesce(${accountServices.activatedAt}, ${accounts.createdAt})`
/** §10 `fullname`: first and last name (each when not blank), else the display name, else the login. */
const fullnameOf = sql<string | null>`coalesce(nullif(btrim(concat_ws(' ',
  case when btrim(${accounts.firstName}) <> '' then ${accounts.firstName} end,
  case when btrim(${accounts.lastName}) <> '' then ${accounts.lastName} end)), ''), nullif(${accountServices.displayName}, ''), ${loginOf})`

function accountTextMatch(term: string): SQL {
  return or(textContains(loginOf, term), textContains(accountServices.extensionNumber, term), textContains(fullnameOf, term), textContains(accounts.email, term))!
}

/**
 * Whether the account's effective feature `name` is enabled: its own setting, else that of the
 * current add-on with the highest priority (then id) that sets it, else its main product's.
 */
function featureEnabled(name: string, now: Date): SQL {
  const at = now.toISOString()
  return sql`coalesce(
    (select f.enabled from ${serviceFeatures} f where f.account_id = ${accounts.id} and f.name = ${name}),
    (select f.enabled from ${accountAddons} g join ${products} p on p.id = g.addon_product_id join ${serviceFeatures} f on f.product_id = p.id and f.name = ${name}
      where g.account_id = ${accounts.id} and g.effective_from <= ${at}::timestamptz and (g.effective_to is null or g.effective_to > ${at}::timestamptz)
      order by p.addon_priority desc, p.id desc limit 1),
    (select f.enabled from ${serviceFeatures} f where f.product_id = ${mainProductOf} and f.name = ${name}),
    false)`
}

const windowService = alias(accountServices, 'window_service')
const windowAccount = alias(accounts, 'window_account')

/**
 * The accounts activated in [from, to]: `activatedOf` spans two tables, so no index serves it. The
 * ids activated or created in the window (each read by its own index) bound the match, and the
 * exact condition keeps those whose effective activation falls in it (docs/decisions/porta.md "Scale").
 */
function activatedIn(actor: Actor, from: string, to: string): SQL {
  const activated = sql`select ${windowService.accountId} from ${accountServices} as ${windowService}
    where ${and(tenantScope(actor, windowService.tenantId), sql`${windowService.activatedAt} between ${from}::timestamptz and ${to}::timestamptz`)}`
  const created = sql`select ${windowAccount.id} from ${accounts} as ${windowAccount}
    where ${and(tenantScope(actor, windowAccount.tenantId), sql`${windowAccount.createdAt} between ${from}::timestamptz and ${to}::timestamptz`)}`
  return sql`${accounts.id} = any(array(${activated} union ${created})) and ${activatedOf} between ${from}::timestamptz and ${to}::timestamptz`
}

function windowMatch(actor: Actor, w: NonNullable<ServiceAccountQuery['window']>): SQL {
  const from = w.from.toISOString()
  const to = w.to.toISOString()
  if (w.byActivation) return activatedIn(actor, from, to)
  return sql`((${mainProductOf} is not null and ${activatedOf} <= ${to}::timestamptz and (${accountServices.closedAt} is null or ${accountServices.closedAt} >= ${from}::timestamptz))
    or exists (select 1 from ${accountAddons} g where g.account_id = ${accounts.id} and g.effective_from <= ${to}::timestamptz and (g.effective_to is null or g.effective_to >= ${from}::timestamptz)))`
}

/** The WHERE conditions of `q`, or null when it can match nothing. */
function conditionsOf(actor: Actor, q: ServiceAccountQuery): (SQL | undefined)[] | null {
  if (q.accountIds && !q.accountIds.length) return null
  if (q.productIds && !q.productIds.length) return null
  if (q.kinds && !q.kinds.length) return null
  const where: (SQL | undefined)[] = [tenantScope(actor, accounts.tenantId), sql`${accountCustomer} is not null`]
  // An account without a customer of its own has its owner user's; written out (not as the
  // coalesce) so the planner estimates it from column statistics, not a default guess.
  if (q.tenantId !== undefined) where.push(eq(accounts.tenantId, q.tenantId))
  if (q.customerId !== undefined) where.push(or(eq(accounts.customerId, q.customerId), and(isNull(accounts.customerId), eq(users.customerId, q.customerId))))
  if (q.accountIds) where.push(idIn(accounts.id, q.accountIds))
  if (q.excludeIds?.length) where.push(sql`not ${idIn(accounts.id, q.excludeIds)}`)
  if (q.login !== undefined) where.push(sql`${loginOf} = ${q.login}`)
  if (q.productIds) where.push(idIn(mainProductOf, q.productIds))
  if (q.productText) {
    const product = or(textContains(mainProduct.name, q.productText.term), textContains(mainProduct.endUserName, q.productText.term))
    where.push(q.productText.orAccountText ? or(product, accountTextMatch(q.productText.term)) : product)
  }
  if (q.accountText !== undefined) where.push(accountTextMatch(q.accountText))
  if (q.kinds) where.push(sql`${kindOf} in (${sql.join(q.kinds.map((k) => sql`${k}`), sql`, `)})`)
  if (q.excludeKinds?.length) where.push(sql`${kindOf} not in (${sql.join(q.excludeKinds.map((k) => sql`${k}`), sql`, `)})`)
  if (q.blocked !== undefined) where.push(eq(accounts.active, !q.blocked))
  if (q.withDevice) where.push(isNotNull(devices.id))
  if (q.withExtension) where.push(sql`${accountServices.extensionNumber} is not null and ${accountServices.extensionNumber} <> ''`)
  if (q.withoutEnabledFeature) where.push(sql`not ${featureEnabled(q.withoutEnabledFeature.name, q.withoutEnabledFeature.now)}`)
  if (q.window) where.push(windowMatch(actor, q.window))
  if (!q.includeClosed) where.push(isNull(accountServices.closedAt))
  return where
}

/**
 * Accounts matching `where`, joined to all they hold (unordered: a subquery with an order is not
 * flattened). Their customers are read apart, for the rows found (`customersOf`).
 */
function matchingRows(core: Core, where: (SQL | undefined)[]) {
  return core.db.select({
    matchedId: sql<number>`${accounts.id}`.as('matched_account_id'),
    a: { id: accounts.id, tenantId: accounts.tenantId, type: accounts.type, username: accounts.username, firstName: accounts.firstName, lastName: accounts.lastName,
      email: accounts.email, phone: accounts.phone, address: accounts.address, active: accounts.active, createdAt: accounts.createdAt, passwdEnc: accounts.passwdEnc },
    login: loginOf,
    customerId: sql<number>`${accountCustomer}`.as('customer_id'),
    s: accountServices,
    mainProductId: sql<number | null>`${mainProductOf}`.as('main_product_id'),
    plan: { id: subscriptionPlans.id, name: subscriptionPlans.name, fee: subscriptionPlans.fee },
    device: { id: devices.id, modelId: devices.modelId },
  }).from(accounts)
    .leftJoin(users, eq(users.id, accounts.userId))
    .leftJoin(accountServices, eq(accountServices.accountId, accounts.id))
    .leftJoin(mainProduct, eq(mainProduct.id, mainProductOf))
    .leftJoin(subscriptionPlans, eq(subscriptionPlans.id, accountServices.subscriptionId))
    .leftJoin(devices, eq(devices.accountId, accounts.id))
    .where(and(...where))
}

/** What an account query reads: a cached id list is dropped when one of these changes. */
const MATCH_TABLES = ['accounts', 'users', 'account_services', 'devices', 'products']

/**
 * The ids of the accounts in scope matching `q`, ascending. Cached exactly (by the tables it reads)
 * unless `q` depends on the time, so paging through a large match reads it once.
 */
async function matchingIds(core: Core, actor: Actor, q: ServiceAccountQuery): Promise<Int32Array> {
  const where = conditionsOf(actor, q)
  if (!where) return new Int32Array(0)
  const load = async () => {
    // Unordered: sorting 100,000 ids here is cheaper than in the aggregate.
    const list = sql<string | null>`string_agg(matched.matched_account_id::text, ',')`
    const [row] = await core.db.select({ list }).from(sql`(${matchingRows(core, where)}) as matched`)
    return Int32Array.from(row?.list ? row.list.split(',').map(Number) : []).sort()
  }
  if (q.withoutEnabledFeature) return load()
  return core.reads.get(`service-account-ids:${visibilityKey(actor)}:${JSON.stringify(q)}`, MATCH_TABLES, load, (ids) => ids.byteLength)
}

/** The number of accounts in scope matching `q` and one window of them (all when none is given), by id. */
export async function pageServiceAccounts(core: Core, actor: Actor, q: ServiceAccountQuery, page?: ServiceAccountPage): Promise<{ total: number; accounts: ServiceAccount[] }> {
  const ids = await matchingIds(core, actor, q)
  const shown = page ? ids.subarray(page.offset, page.offset + page.limit) : ids
  const accounts = shown.length ? await queryServiceAccounts(core, actor, { accountIds: [...shown], includeClosed: true, withSecret: q.withSecret }) : []
  return { total: ids.length, accounts }
}

/** Accounts in scope matching `q`, by id. */
export async function queryServiceAccounts(core: Core, actor: Actor, q: ServiceAccountQuery): Promise<ServiceAccount[]> {
  const found = await readServiceAccounts(core, actor, q)
  return found.map(({ account, passwdEnc }) => (q.withSecret ? withSecret(core, account, passwdEnc) : account))
}

function withSecret(core: Core, account: ServiceAccount, passwdEnc: string | null): ServiceAccount {
  return { ...account, secret: passwdEnc ? core.keyring.decrypt(passwdEnc) : null }
}

/** Accounts matching `q` without their secret, each with the secret as stored (encrypted). */
async function readServiceAccounts(core: Core, actor: Actor, q: ServiceAccountQuery): Promise<{ account: ServiceAccount; passwdEnc: string | null }[]> {
  const where = conditionsOf(actor, q)
  if (!where) return []
  const rows = await matchingRows(core, where).orderBy(asc(accounts.id))
  const productIds = [...new Set(rows.map((r) => r.mainProductId).filter((id): id is number => !!id))]
  const [productList, customerList] = await Promise.all([queryProducts(core, actor, { ids: productIds }), customersOf(core, actor, rows.map((r) => r.customerId))])
  const byId = new Map(productList.map((p) => [p.id, p]))
  const customerById = new Map(customerList.map((c) => [c.id, c]))
  return rows.filter((r) => customerById.has(r.customerId)).map((r) => {
    const s = r.s
    const customer = customerById.get(r.customerId)!
    const kind: ServiceKind = s?.kind ?? (r.a.type === 'did' ? 'did' : 'sip')
    const account: ServiceAccount = {
      id: r.a.id, tenantId: r.a.tenantId!, partnerName: customer.partnerName, customerId: customer.id, customerName: customer.name,
      subReseller: customer.parent?.id ? { id: customer.parent.id, name: customer.parent.name } : null,
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
      secret: null,
    }
    return { account, passwdEnc: r.a.passwdEnc }
  })
}

/** Customers of the actor's tenant among `ids`, with their partner's name and sub-reseller parent. */
async function customersOf(core: Core, actor: Actor, ids: number[]) {
  const unique = [...new Set(ids)]
  if (!unique.length) return []
  return core.db.select({ id: customers.id, name: customers.name, partnerName: resellers.name, parent: { id: parent.id, name: parent.name } })
    .from(customers)
    .innerJoin(resellers, eq(resellers.id, customers.tenantId))
    .leftJoin(parent, and(eq(parent.id, customers.parentCustomerId), eq(parent.isReseller, true)))
    .where(and(idIn(customers.id, unique), tenantScope(actor, customers.tenantId)))
}

/** The distinct main products of the customer's non-closed accounts, by id. */
export async function mainProductIdsOfCustomer(core: Core, actor: Actor, customerId: number): Promise<number[]> {
  const where = conditionsOf(actor, { customerId })!
  const id = sql<number>`matched.main_product_id`
  const rows = await core.db.selectDistinct({ id }).from(sql`(${matchingRows(core, [...where, isNotNull(mainProductOf)])}) as matched`).orderBy(id)
  return rows.map((r) => r.id)
}

/** What one account's read draws on: its cached copy is dropped when one of these changes. */
const ACCOUNT_TABLES = ['accounts', 'users', 'account_services', 'devices', 'subscription_plans', 'products', 'product_groups', 'customers', 'resellers']

/** One non-closed account in scope by id or by `AccountId` (read once, then cached exactly); NotFound otherwise. */
export async function getServiceAccount(core: Core, actor: Actor, by: { id: number } | { login: string }, opts: { withSecret?: boolean } = {}): Promise<ServiceAccount> {
  if ('id' in by && !validId(by.id)) throw new NotFound('Account', by.id)
  // PostgreSQL text cannot hold NUL: such a login names no account.
  if ('login' in by && by.login.includes('\u0000')) throw new NotFound('Account', by.login)
  const key = `service-account:${visibilityKey(actor)}:${'id' in by ? `#${by.id}` : `@${by.login}`}`
  const found = await core.reads.get(key, ACCOUNT_TABLES, async () => (await readServiceAccounts(core, actor, 'id' in by ? { accountIds: [by.id] } : { login: by.login }))[0] ?? null)
  if (!found) throw new NotFound('Account', 'id' in by ? by.id : by.login)
  return opts.withSecret ? withSecret(core, found.account, found.passwdEnc) : found.account
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
