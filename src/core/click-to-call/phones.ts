import { and, asc, eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import type { Db } from '../../db/client.ts'
import { Conflict, Invalid, Locked, NotFound } from '../errors.ts'
import { tenantScope } from '../tenancy.ts'
import { clickToCallMembers, memberPhones, webButtons } from './click-to-call.table.ts'
import { normalisePhone } from './identifiers.ts'
import { isUniqueViolation } from '../db-errors.ts'

export type MemberPhone = typeof memberPhones.$inferSelect

/** Whether a database error (or one it wraps) is a foreign-key violation. */
function isForeignKeyViolation(e: unknown): boolean {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; x = x.cause as typeof x, i++) {
    if (x.code === '23503') return true
  }
  return false
}

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

/** Adds a phone to the member; a number it already has (after normalisation) → Conflict('phone'). */
export async function addPhone(core: Core, actor: Actor, customerId: number, input: { number: string; name: string }): Promise<MemberPhone> {
  const number = phoneOrInvalid(input.number, 'phone')
  const tenantId = await memberTenant(core.db, actor, customerId)
  try {
    const [p] = await core.db.insert(memberPhones).values({ tenantId, customerId, number, name: input.name }).returning()
    return p!
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('phone')
    throw e
  }
}

/**
 * Changes a phone's number and/or name. Buttons follow the phone record. A new number equal to
 * another of the member's phones → Conflict('phone').
 */
export async function updatePhone(core: Core, actor: Actor, customerId: number, number: string, patch: { newNumber?: string; newName?: string }): Promise<MemberPhone> {
  const newNumber = patch.newNumber === undefined ? undefined : phoneOrInvalid(patch.newNumber, 'newPhone')
  const phone = await findPhone(core.db, actor, customerId, number)
  if (newNumber === undefined && patch.newName === undefined) return phone
  try {
    const [p] = await core.db.update(memberPhones).set({ number: newNumber ?? phone.number, name: patch.newName ?? phone.name })
      .where(eq(memberPhones.id, phone.id)).returning()
    return p!
  } catch (e) {
    if (isUniqueViolation(e)) throw new Conflict('phone')
    throw e
  }
}

/** Deletes a phone: not the default one, nor one a web button calls (Locked). */
export async function deletePhone(core: Core, actor: Actor, customerId: number, number: string): Promise<MemberPhone> {
  const phone = await findPhone(core.db, actor, customerId, number)
  if (phone.isDefault) throw new Locked('default phone')
  try {
    // The NOT EXISTS and the foreign key together refuse a phone that a button uses, even one assigned concurrently.
    const deleted = await core.db.delete(memberPhones)
      .where(and(eq(memberPhones.id, phone.id), sql`not exists (select 1 from ${webButtons} where ${webButtons.phoneId} = ${phone.id})`))
      .returning({ id: memberPhones.id })
    if (!deleted.length) throw new Locked('phone in use')
  } catch (e) {
    if (isForeignKeyViolation(e)) throw new Locked('phone in use')
    throw e
  }
  return phone
}
