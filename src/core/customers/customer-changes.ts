import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { accounts } from '../accounts/accounts.table.ts'
import type { Core } from '../core.ts'
import { Conflict, Invalid, Locked, NotFound } from '../errors.ts'
import { amountRule, required } from '../kernel/field-rules.ts'
import { productOrders } from '../orders/orders.table.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { forgetUser, setUserPassword } from '../users/users.ts'
import { users } from '../users/users.table.ts'
import { customers } from './customers.table.ts'
import { getCustomer, uniqueLoginOrConflict, type Customer, type CustomerProfile } from './customers.ts'
import { profilePatch } from './profile.ts'

/**
 * Changes a customer's profile (keys present in `profile` replace, null clears; see profilePatch)
 * and, with `loginEmail`, renames its primary login (username and email, lower case) — the one
 * profile change of every dialect. A login taken by another user of the tenant →
 * Conflict('username'). One transaction.
 */
export async function modifyCustomer(
  core: Core, actor: Actor, id: number, input: { profile: Partial<CustomerProfile>; loginEmail?: string },
): Promise<Customer> {
  return uniqueLoginOrConflict(() => core.db.transaction(async (tx) => {
    const [current] = await tx.select().from(customers)
      .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).for('update')
    if (!current) throw new NotFound('Customer', id)
    let renamedUser: number | null = null
    if (input.loginEmail !== undefined) {
      const email = input.loginEmail.toLowerCase()
      const [primary] = await tx.select({ id: users.id }).from(users).where(eq(users.customerId, id)).orderBy(users.id).limit(1)
      const clash = await tx.select({ id: users.id }).from(users).where(and(
        eq(users.tenantId, current.tenantId),
        or(sql`lower(${users.username}) = ${email}`, sql`lower(${users.email}) = ${email}`),
        primary ? ne(users.id, primary.id) : undefined,
      )).limit(1)
      if (clash.length) throw new Conflict('username')
      if (primary) {
        await tx.update(users).set({ username: email, email, updatedAt: core.now() }).where(eq(users.id, primary.id))
        renamedUser = primary.id
      }
      input = { ...input, profile: { ...input.profile, email } }
    }
    const [c] = await tx.update(customers).set({ ...profilePatch(current, input.profile), updatedAt: core.now() }).where(eq(customers.id, id)).returning()
    if (renamedUser !== null) forgetUser(core, renamedUser)
    return c!
  }))
}

/**
 * Deletes a customer of the actor's tenant with its logins and its accounts (those of the customer,
 * by cascade, and any its logins own); afterwards its id is unknown and its login name free.
 */
export async function deleteCustomer(core: Core, actor: Actor, id: number): Promise<void> {
  const userIds = await core.db.transaction(async (tx) => {
    const [current] = await tx.select({ id: customers.id }).from(customers)
      .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).for('update')
    if (!current) throw new NotFound('Customer', id)
    // Orders lock the customer row too (createOrder), so none can be placed between this check and the delete.
    const [order] = await tx.select({ id: productOrders.id }).from(productOrders).where(eq(productOrders.customerId, id)).limit(1)
    if (order) throw new Locked('customer has orders')
    const logins = (await tx.select({ id: users.id }).from(users).where(eq(users.customerId, id))).map((u) => u.id)
    if (logins.length) await tx.delete(accounts).where(and(inArray(accounts.userId, logins), isNull(accounts.customerId)))
    await tx.delete(customers).where(eq(customers.id, id))
    return logins
  })
  for (const u of userIds) forgetUser(core, u)
}

/** Sets the password of a customer's primary login. A customer without a login is NotFound. */
export async function changeCustomerPassword(core: Core, actor: Actor, id: number, password: string): Promise<void> {
  const [row] = await core.db.select({ userId: users.id }).from(customers)
    .innerJoin(users, eq(users.customerId, customers.id))
    .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).orderBy(users.id).limit(1)
  if (!row) throw new NotFound('Customer', id)
  await setUserPassword(core, row.userId, password)
}

/**
 * Suspends or re-activates a customer of the actor's tenant. A suspended customer's logins fail in
 * every dialect: suspension ends the sessions its logins hold and drops their cached verifications.
 */
export async function setCustomerStatus(core: Core, actor: Actor, id: number, status: 'active' | 'suspended'): Promise<Customer> {
  if (status !== 'active' && status !== 'suspended') throw new Invalid('status', 'must be active or suspended')
  const now = core.now()
  const { customer, logins } = await core.db.transaction(async (tx) => {
    const [c] = await tx.update(customers).set({ status, updatedAt: now })
      .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).returning()
    if (!c) throw new NotFound('Customer', id)
    const ended = status === 'suspended'
      ? await tx.update(users).set({ tokensValidFrom: now }).where(eq(users.customerId, id)).returning({ id: users.id })
      : await tx.select({ id: users.id }).from(users).where(eq(users.customerId, id))
    return { customer: c, logins: ended.map((u) => u.id) }
  })
  for (const u of logins) forgetUser(core, u)
  return customer
}

/** Adds a payment to a customer's total receipts (spec/resellerclub.md §3: maintained by the core). */
export async function recordReceipt(core: Core, actor: Actor, id: number, amount: string | number): Promise<Customer> {
  const value = amountRule('amount', required('amount', amount))!
  if (Number(value) === 0) throw new Invalid('amount', 'must be more than 0')
  const [c] = await core.db.update(customers).set({ totalReceipts: sql`${customers.totalReceipts} + ${value}::numeric`, updatedAt: core.now() })
    .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId), sql`${customers.totalReceipts} + ${value}::numeric < ${MAX_RECEIPTS}::numeric`)).returning()
  if (c) return c
  await getCustomer(core, actor, id)
  throw new Invalid('amount', 'would take the total receipts past 99999999999.999')
}

/** The column holds 14 digits, 3 of them decimals. */
const MAX_RECEIPTS = '100000000000'
