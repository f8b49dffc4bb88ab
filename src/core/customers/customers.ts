import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { isUniqueViolation } from '../kernel/db-errors.ts'
import type { User } from '../users/users.ts'
import { users } from '../users/users.table.ts'
import { customers } from './customers.table.ts'
import { validId } from '../kernel/ids.ts'

export type Customer = typeof customers.$inferSelect
export type CustomerProfile = Omit<typeof customers.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>

/** Two signups racing for one login: the loser hits the unique index; report it as the Conflict it is. */
export async function uniqueLoginOrConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('username')
    throw e
  }
}

/** One customer of the actor's tenant; another tenant's id is NotFound. */
export async function getCustomer(core: Core, actor: Actor, id: number): Promise<Customer> {
  if (!validId(id)) throw new NotFound('Customer', id)
  const [c] = await core.db.select().from(customers).where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId)))
  if (!c) throw new NotFound('Customer', id)
  return c
}

/** The customer whose primary login is `email` (case-insensitive) in the actor's tenant. */
export async function findCustomerByLogin(core: Core, actor: Actor, email: string): Promise<{ customer: Customer; user: User }> {
  if (email.includes('\u0000')) throw new NotFound('Customer', email)
  const [row] = await core.db.select({ customer: customers, user: users }).from(users)
    .innerJoin(customers, eq(customers.id, users.customerId))
    .where(and(sql`lower(${users.username}) = lower(${email})`, tenantScope(actor, customers.tenantId)))
    .limit(1)
  if (!row) throw new NotFound('Customer', email)
  return row
}

/** The primary user of a customer, if it has a login. */
export async function primaryUserOf(core: Core, customerId: number): Promise<User | null> {
  const [u] = await core.db.select().from(users).where(eq(users.customerId, customerId)).orderBy(users.id).limit(1)
  return u ?? null
}
