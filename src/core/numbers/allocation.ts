import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client.ts'
import { trackingNumbers } from './numbers.table.ts'

export interface FreeNumber { id: number; number: string }

/**
 * The lowest `count` free numbers of a pool that `tenantId`'s orders may take (deployment-wide stock
 * and its own), in ascending digit-string order, locked FOR UPDATE. Call with the pool row locked
 * (lockPool): then no other transaction can take them, and SKIP LOCKED keeps any stray lock from
 * blocking. Fewer rows than `count` means the pool is short.
 */
export async function lowestFreeNumbers(tx: Db, poolId: number, tenantId: number, count: number): Promise<FreeNumber[]> {
  return tx.select({ id: trackingNumbers.id, number: trackingNumbers.number }).from(trackingNumbers)
    .where(and(
      eq(trackingNumbers.poolId, poolId),
      eq(trackingNumbers.state, 'free'),
      or(isNull(trackingNumbers.tenantId), eq(trackingNumbers.tenantId, tenantId)),
    ))
    .orderBy(sql`${trackingNumbers.number} collate "C"`)
    .limit(count)
    .for('update', { skipLocked: true })
}

/** Marks numbers allocated to a company. */
export async function allocateNumbers(tx: Db, numberIds: number[], customerId: number, at: Date): Promise<void> {
  if (!numberIds.length) return
  await tx.update(trackingNumbers).set({ state: 'allocated', customerId, allocatedAt: at })
    .where(and(inArray(trackingNumbers.id, numberIds), eq(trackingNumbers.state, 'free')))
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
