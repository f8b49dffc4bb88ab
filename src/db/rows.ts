import type { SQL } from 'drizzle-orm'
import type { Db } from './client.ts'

/**
 * Runs a raw statement and returns its rows: both drivers (pg, PGlite) answer `{ rows }`.
 * For set-based statements the query builder cannot express (unnest batches, CTE updates).
 */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = await db.execute(statement)
  return (result as unknown as { rows: T[] }).rows
}
