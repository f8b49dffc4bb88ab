import { eq, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { memberPhones } from '../click-to-call/click-to-call.table.ts'
import { trackingNumbers } from '../numbers/numbers.table.ts'
import { users } from '../users/users.table.ts'
import { accounts } from './accounts.table.ts'

// Accounts that another record of a customer keeps in step: a member phone's account and a
// tracking number's DID (design.md "One model, five dialects"; docs/decisions.md, issue 12).

/** The owner of a customer's accounts: its primary user (its first login), null when it has none. */
export function primaryUserId(customerId: number): SQL<number | null> {
  return sql<number | null>`(select ${users.id} from ${users} where ${users.customerId} = ${customerId} order by ${users.id} limit 1)`
}

/** A new account of a customer: a member phone (`account`, no username) or a tracking number (`did`). */
export interface CustomerAccount {
  type: 'account' | 'did'
  username: string | null
  phone: string
}

/**
 * Inserts accounts of a customer on `db` (the caller's transaction): in the customer's tenant,
 * belonging to it, owned by its primary user if it has one. Returns their ids in input order.
 */
export async function insertCustomerAccounts(db: Db, customer: { id: number; tenantId: number }, rows: CustomerAccount[]): Promise<number[]> {
  if (!rows.length) return []
  const owner = primaryUserId(customer.id)
  const inserted = await db.insert(accounts)
    .values(rows.map((r) => ({ tenantId: customer.tenantId, customerId: customer.id, userId: owner, type: r.type, username: r.username, phone: r.phone })))
    .returning({ id: accounts.id })
  return inserted.map((r) => r.id)
}

/** Sets the number of a member phone's account. */
export async function setAccountPhone(db: Db, accountId: number, phone: string, at: Date): Promise<void> {
  await db.update(accounts).set({ phone, updatedAt: at }).where(eq(accounts.id, accountId))
}

/** Deletes an account that its record no longer needs (after the record's own row is gone). */
export async function deleteKeptAccount(db: Db, accountId: number): Promise<void> {
  await db.delete(accounts).where(eq(accounts.id, accountId))
}

/** What keeps an account in step, if anything: then its number and existence follow that record. */
export type AccountKeeper = 'member phone' | 'tracking number'

/** The record that keeps this account in step (a member phone, a tracking number), or null. One query. */
export async function keeperOf(db: Db, accountId: number): Promise<AccountKeeper | null> {
  const result = await db.execute(sql`select
    exists (select 1 from ${memberPhones} where ${memberPhones.accountId} = ${accountId}) as phone,
    exists (select 1 from ${trackingNumbers} where ${trackingNumbers.accountId} = ${accountId}) as number`)
  const row = (result as unknown as { rows: { phone: boolean; number: boolean }[] }).rows[0]
  return row?.phone ? 'member phone' : row?.number ? 'tracking number' : null
}
