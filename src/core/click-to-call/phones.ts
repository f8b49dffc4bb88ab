import { and, asc, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import { inTransaction, type Core } from '../core.ts'
import { deleteKeptAccount, insertCustomerAccounts, setAccountPhone } from '../accounts/customer-accounts.ts'
import type { Db } from '../../db/client.ts'
import { Conflict, Invalid, Locked, NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { clickToCallMembers, memberPhones, webButtons } from './click-to-call.table.ts'
import { normalisePhone } from './identifiers.ts'
import { isForeignKeyViolation, isUniqueViolation } from '../kernel/db-errors.ts'

export type MemberPhone = typeof memberPhones.$inferSelect

function phoneOrInvalid(raw: string, field: string): string {
  const n = normalisePhone(raw)
  if (!n) throw new Invalid(field, 'is not a phone number')
  return n
}

/** The member's tenant, or NotFound when the customer is no member of the actor's tenant. */
async function memberTenant(db: Db, actor: Actor, customerId: number): Promise<number> {
  const [m] = await db.select({ tenantId: clickToCallMembers.tenantId }).from(clickToCallMembers)
    .where(and(eq(clickToCallMembers.customerId, customerId), tenantScope(actor, clickToCallMembers.tenantId)))
  if (!m) throw new NotFound('Member', customerId)
  return m.tenantId
}

/** One phone of the member by number (normalised first); another member's → NotFound('Phone'). */
export async function findPhone(db: Db, actor: Actor, customerId: number, number: string): Promise<MemberPhone> {
  const n = phoneOrInvalid(number, 'phone')
  const [p] = await db.select().from(memberPhones)
    .where(and(eq(memberPhones.customerId, customerId), eq(memberPhones.number, n), tenantScope(actor, memberPhones.tenantId)))
  if (!p) throw new NotFound('Phone', n)
  return p
}

/** The member's phones in creation order (the default first). */
export async function listPhones(core: Core, actor: Actor, customerId: number): Promise<MemberPhone[]> {
  return core.db.select().from(memberPhones)
    .where(and(eq(memberPhones.customerId, customerId), tenantScope(actor, memberPhones.tenantId))).orderBy(asc(memberPhones.id))
}

/**
 * Adds a phone to the member, and its account (type `account`, no username: two members of a tenant
 * may share a number; phone = the number) in the same transaction. A number it already has (after
 * normalisation) → Conflict('phone').
 */
export async function addPhone(core: Core, actor: Actor, customerId: number, input: { number: string; name: string }): Promise<MemberPhone> {
  const number = phoneOrInvalid(input.number, 'phone')
  try {
    return await inTransaction(core, async (tx) => {
      const tenantId = await memberTenant(tx.db, actor, customerId)
      const [accountId] = await insertCustomerAccounts(tx.db, { id: customerId, tenantId }, [{ type: 'account', username: null, phone: number }])
      const [p] = await tx.db.insert(memberPhones).values({ tenantId, customerId, number, name: input.name, accountId: accountId! }).returning()
      return p!
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('phone')
    throw e
  }
}

/**
 * Changes a phone's number and/or name; its account takes the new number in the same transaction.
 * Buttons follow the phone record. A new number equal to another of the member's phones →
 * Conflict('phone').
 */
export async function updatePhone(core: Core, actor: Actor, customerId: number, number: string, patch: { newNumber?: string; newName?: string }): Promise<MemberPhone> {
  const newNumber = patch.newNumber === undefined ? undefined : phoneOrInvalid(patch.newNumber, 'newPhone')
  const phone = await findPhone(core.db, actor, customerId, number)
  if (newNumber === undefined && patch.newName === undefined) return phone
  try {
    return await inTransaction(core, async (tx) => {
      const [p] = await tx.db.update(memberPhones).set({ number: newNumber ?? phone.number, name: patch.newName ?? phone.name })
        .where(eq(memberPhones.id, phone.id)).returning()
      if (!p) throw new NotFound('Phone', phone.number)
      if (newNumber !== undefined && newNumber !== phone.number) await setAccountPhone(tx.db, p.accountId, newNumber, core.now())
      return p
    })
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('phone')
    throw e
  }
}

/** Deletes a phone and its account: not the default one, nor one a web button calls (Locked). */
export async function deletePhone(core: Core, actor: Actor, customerId: number, number: string): Promise<MemberPhone> {
  const phone = await findPhone(core.db, actor, customerId, number)
  if (phone.isDefault) throw new Locked('default phone')
  try {
    await inTransaction(core, async (tx) => {
      // The NOT EXISTS and the foreign key together refuse a phone that a button uses, even one assigned concurrently.
      const deleted = await tx.db.delete(memberPhones)
        .where(and(eq(memberPhones.id, phone.id), sql`not exists (select 1 from ${webButtons} where ${webButtons.phoneId} = ${phone.id})`))
        .returning({ id: memberPhones.id, accountId: memberPhones.accountId })
      if (!deleted.length) throw new Locked('phone in use')
      await deleteKeptAccount(tx.db, deleted[0]!.accountId)
    })
  } catch (e) {
    if (isForeignKeyViolation(e)) throw new Locked('phone in use')
    throw e
  }
  return phone
}
