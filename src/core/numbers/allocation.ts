import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { accounts } from '../accounts/accounts.table.ts'
import { insertCustomerAccounts } from '../accounts/customer-accounts.ts'
import { trackingNumbers } from './numbers.table.ts'

export interface FreeNumber { id: number; number: string }

/**
 * The lowest `count` free numbers of a pool that `tenantId`'s orders may take (deployment-wide stock
 * and its own), in ascending digit-string order, locked FOR UPDATE. Call with the pool row locked
 * (lockPool): then no other transaction can take them, and SKIP LOCKED keeps any stray lock from
 * blocking. Fewer rows than `count` means the pool is short. A number already held as a DID (made
 * through ICTCore: one DID per number in the deployment, and its username in the tenant) is not free.
 */
export async function lowestFreeNumbers(tx: Db, poolId: number, tenantId: number, count: number): Promise<FreeNumber[]> {
  return tx.select({ id: trackingNumbers.id, number: trackingNumbers.number }).from(trackingNumbers)
    .where(and(
      eq(trackingNumbers.poolId, poolId),
      eq(trackingNumbers.state, 'free'),
      or(isNull(trackingNumbers.tenantId), eq(trackingNumbers.tenantId, tenantId)),
      sql`not exists (select 1 from ${accounts} where ${accounts.type} = 'did' and ${accounts.phone} = ${trackingNumbers.number})`,
      sql`not exists (select 1 from ${accounts} where coalesce(${accounts.tenantId}, 0) = ${tenantId} and ${accounts.type} = 'did' and ${accounts.username} = ${trackingNumbers.number})`,
    ))
    .orderBy(sql`${trackingNumbers.number} collate "C"`)
    .limit(count)
    .for('update', { skipLocked: true })
}

/**
 * Allocates free numbers to a company and makes each a `did` account of it (username and phone =
 * the number; owner = its primary user, if it has one), linked from the number, on `tx` (the
 * allocation's transaction). Returns the numbers allocated, in the order given.
 */
export async function allocateNumbers(tx: Db, numbers: FreeNumber[], company: { customerId: number; tenantId: number }, at: Date): Promise<FreeNumber[]> {
  if (!numbers.length) return []
  const updated = await tx.update(trackingNumbers).set({ state: 'allocated', customerId: company.customerId, allocatedAt: at })
    .where(and(inArray(trackingNumbers.id, numbers.map((n) => n.id)), eq(trackingNumbers.state, 'free')))
    .returning({ id: trackingNumbers.id })
  // In the order given (ascending), so that the accounts' ids follow the numbers.
  const ids = new Set(updated.map((n) => n.id))
  const taken = numbers.filter((n) => ids.has(n.id))
  const accountIds = await insertCustomerAccounts(tx, { id: company.customerId, tenantId: company.tenantId },
    taken.map((n) => ({ type: 'did', username: n.number, phone: n.number })))
  if (accountIds.length) {
    await tx.update(trackingNumbers).set({ accountId: sql`${accounts.id}` }).from(accounts)
      .where(and(inArray(accounts.id, accountIds), eq(accounts.phone, trackingNumbers.number), inArray(trackingNumbers.id, taken.map((n) => n.id))))
  }
  return taken
}

/** Whether `number` is allocated to the company. */
export async function isNumberOf(db: Db, customerId: number, number: string): Promise<boolean> {
  const rows = await db.select({ id: trackingNumbers.id }).from(trackingNumbers)
    .where(and(eq(trackingNumbers.customerId, customerId), eq(trackingNumbers.number, number), eq(trackingNumbers.state, 'allocated')))
  return rows.length > 0
}

/** A company's allocated numbers in ascending order. */
export async function numbersOf(db: Db, customerId: number): Promise<string[]> {
  const rows = await db.select({ number: trackingNumbers.number }).from(trackingNumbers)
    .where(and(eq(trackingNumbers.customerId, customerId), eq(trackingNumbers.state, 'allocated')))
    .orderBy(sql`${trackingNumbers.number} collate "C"`)
  return rows.map((r) => r.number)
}
