import { and, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Conflict, Forbidden, NotFound } from '../errors.ts'
import { tenantScope } from '../tenancy.ts'
import { insertUser, type User } from '../users/users.ts'
import { users } from '../users/users.table.ts'
import { customers } from './customers.table.ts'
import { validId } from '../ids.ts'

export type Customer = typeof customers.$inferSelect
export type CustomerProfile = Omit<typeof customers.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>

export interface NewCustomer {
  profile: CustomerProfile
  /** The customer's primary login (ResellerClub username + passwd, Packetera UserEmail + UserPassword). */
  login?: { email: string; password: string }
}

/** The tenant a reseller-scoped actor writes customers into (customers always belong to a reseller). */
function customerTenant(actor: Actor): number {
  if (actor.tenantId === null) throw new Forbidden('customer_create')
  return actor.tenantId
}

/**
 * Signs a customer up in the actor's tenant and, with a login, creates its primary user (username =
 * the login email, built-in `user` role) — one transaction. Login emails are unique per tenant
 * (case-insensitive): a taken one → Conflict('username').
 */
export async function signUpCustomer(core: Core, actor: Actor, input: NewCustomer): Promise<{ customer: Customer; user: User | null }> {
  const tenantId = customerTenant(actor)
  return uniqueLoginOrConflict(() => core.db.transaction(async (tx) => {
    if (input.login) {
      const taken = await tx.select({ id: users.id }).from(users)
        .where(and(eq(users.tenantId, tenantId), sql`(lower(${users.username}) = lower(${input.login.email}) or lower(${users.email}) = lower(${input.login.email}))`))
      if (taken.length) throw new Conflict('username')
    }
    const [customer] = await tx.insert(customers).values({ ...input.profile, tenantId }).returning()
    let user: User | null = null
    if (input.login) {
      const email = input.login.email.toLowerCase()
      user = await insertUser(tx, tenantId, {
        username: email, email, password: input.login.password, customerId: customer!.id,
        firstName: input.profile.firstName ?? null, lastName: input.profile.lastName ?? null,
        company: input.profile.company ?? null, phone: input.profile.phone ?? null, roles: ['user'],
      })
    }
    return { customer: customer!, user }
  }))
}

/** Two signups racing for one login: the loser hits the unique index; report it as the Conflict it is. */
export async function uniqueLoginOrConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('username')
    throw e
  }
}

function isUniqueViolation(e: unknown): boolean {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (x.code === '23505') return true
  }
  return false
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

/** Replaces profile fields of a customer of the actor's tenant. */
export async function updateCustomer(core: Core, actor: Actor, id: number, patch: Partial<CustomerProfile>): Promise<Customer> {
  await getCustomer(core, actor, id)
  const [c] = await core.db.update(customers).set({ ...patch, updatedAt: core.now() })
    .where(and(eq(customers.id, id), tenantScope(actor, customers.tenantId))).returning()
  return c!
}
