import { and, asc, count, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { visibilityKey } from '../read-cache.ts'
import { NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { textContains } from '../kernel/list-filter.ts'
import { customers } from './customers.table.ts'
import type { Customer } from './customers.ts'
import { validId } from '../kernel/ids.ts'

/** A customer with the username of its primary login (null when it has none). */
export interface CustomerWithLogin {
  customer: Customer
  login: string | null
}

/**
 * The primary login's username, as a correlated subquery (keeps reads to one statement). Written
 * with explicit qualifiers: drizzle renders columns of single-table selects unqualified.
 */
export const primaryLogin = sql<string | null>`(select pl."username" from "users" pl where pl."customer_id" = "customers"."id" order by pl."id" limit 1)`

/**
 * One customer of the actor's tenant with its login, in a single query; another tenant's id is
 * NotFound. A hot read path (ResellerClub details-by-id): served from the exact read cache; on a
 * miss reseller actors use a prepared statement.
 */
export async function getCustomerWithLogin(core: Core, actor: Actor, id: number): Promise<CustomerWithLogin> {
  if (!validId(id)) throw new NotFound('Customer', id)
  return core.reads.get(`customer-with-login:${visibilityKey(actor)}:${id}`, ['customers', 'users'], () => loadCustomerWithLogin(core, actor, id))
}

async function loadCustomerWithLogin(core: Core, actor: Actor, id: number): Promise<CustomerWithLogin> {
  const [row] = actor.tenantId !== null && !actor.crossTenant
    ? await byIdInTenant(core.db).execute({ id, tenantId: actor.tenantId })
    : await core.db.select({ customer: customers, login: primaryLogin }).from(customers)
      .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId)))
  if (!row) throw new NotFound('Customer', id)
  return row
}

function prepareByIdInTenant(db: Db) {
  return db.select({ customer: customers, login: primaryLogin }).from(customers)
    .where(and(eq(customers.id, sql.placeholder('id')), eq(customers.tenantId, sql.placeholder('tenantId'))))
    .prepare('customer_with_login_by_id')
}
const preparedById = new WeakMap<Db, ReturnType<typeof prepareByIdInTenant>>()

function byIdInTenant(db: Db): ReturnType<typeof prepareByIdInTenant> {
  let q = preparedById.get(db)
  if (!q) preparedById.set(db, (q = prepareByIdInTenant(db)))
  return q
}

export interface CustomerFilter {
  ids?: number[]
  tenantIds?: number[]
  /** Case-insensitive substrings. */
  login?: string
  name?: string
  company?: string
  city?: string
  state?: string
  status?: 'active' | 'suspended'
  createdFrom?: Date
  createdTo?: Date
  /** Decimal strings, inclusive bounds. */
  totalReceiptsFrom?: string
  totalReceiptsTo?: string
}

/**
 * Customers of the actor's tenant matching every given filter (a list filter matches any of its
 * values), ordered by id; one page of `pageSize` rows (`pageNo` from 1) and the total number of matches.
 */
export async function searchCustomers(
  core: Core, actor: Actor, filter: CustomerFilter, page: { pageNo: number; pageSize: number },
): Promise<{ total: number; rows: CustomerWithLogin[] }> {
  const conds: (SQL | undefined)[] = [tenantScope(actor, customers.tenantId)]
  if (filter.ids) conds.push(filter.ids.length ? inArray(customers.id, filter.ids) : sql`false`)
  if (filter.tenantIds) conds.push(filter.tenantIds.length ? inArray(customers.tenantId, filter.tenantIds) : sql`false`)
  if (filter.login !== undefined) conds.push(textContains(primaryLogin, filter.login))
  if (filter.name !== undefined) conds.push(textContains(customers.name, filter.name))
  if (filter.company !== undefined) conds.push(textContains(customers.company, filter.company))
  if (filter.city !== undefined) conds.push(textContains(customers.city, filter.city))
  if (filter.state !== undefined) conds.push(textContains(customers.state, filter.state))
  if (filter.status !== undefined) conds.push(eq(customers.status, filter.status))
  if (filter.createdFrom) conds.push(gte(customers.createdAt, filter.createdFrom))
  // Whole seconds, as the wire shows creation times: an end bound of second T keeps everything created during T.
  if (filter.createdTo) conds.push(lt(customers.createdAt, new Date(Math.floor(filter.createdTo.getTime() / 1000) * 1000 + 1000)))
  if (filter.totalReceiptsFrom !== undefined) conds.push(gte(customers.totalReceipts, filter.totalReceiptsFrom))
  if (filter.totalReceiptsTo !== undefined) conds.push(lte(customers.totalReceipts, filter.totalReceiptsTo))
  const where = and(...conds)
  const [{ n }] = (await core.db.select({ n: count() }).from(customers).where(where)) as [{ n: number }]
  const offset = (page.pageNo - 1) * page.pageSize
  if (n === 0 || offset >= n) return { total: Number(n), rows: [] }
  // The page's ids first: the login subquery then runs for the page only, not for every row the
  // offset skips (page 50 of 100 ran it 5,000 times).
  const pageIds = core.db.select({ id: customers.id }).from(customers).where(where).orderBy(asc(customers.id)).limit(page.pageSize).offset(offset)
  const rows = await core.db.select({ customer: customers, login: primaryLogin }).from(customers).where(inArray(customers.id, pageIds)).orderBy(asc(customers.id))
  return { total: Number(n), rows }
}
