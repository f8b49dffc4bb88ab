import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { accounts } from '../accounts/accounts.table.ts'
import type { Core } from '../core.ts'
import { Conflict, NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { forgetUser, setUserPassword } from '../users/users.ts'
import { users } from '../users/users.table.ts'
import { customers } from './customers.table.ts'
import { uniqueLoginOrConflict, type Customer, type CustomerProfile } from './customers.ts'
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
  // TODO(issue 2 follow-up): refuse when the customer has orders, once orders exist in core.
  const userIds = await core.db.transaction(async (tx) => {
    const [current] = await tx.select({ id: customers.id }).from(customers)
      .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).for('update')
    if (!current) throw new NotFound('Customer', id)
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

/** Suspends or re-activates a customer of the actor's tenant. */
export async function setCustomerStatus(core: Core, actor: Actor, id: number, status: 'active' | 'suspended'): Promise<Customer> {
  const [c] = await core.db.update(customers).set({ status, updatedAt: core.now() })
    .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).returning()
  if (!c) throw new NotFound('Customer', id)
  return c
}
