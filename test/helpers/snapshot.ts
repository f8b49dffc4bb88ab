import { getTableName, is, sql } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../../src/db/client.ts'
import * as schema from '../../src/db/schema.ts'

/**
 * Every row of every table (except last-used bookkeeping), as JSON text per table: compare two
 * snapshots to prove a request wrote nothing.
 */
export async function tableSnapshot(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const t of Object.values(schema)) {
    if (!is(t, PgTable)) continue
    const name = getTableName(t)
    const rows = await db.execute(sql`select * from ${sql.identifier(name)} order by 1`)
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as Record<string, unknown>[]
    out[name] = JSON.stringify(list.map((r) => {
      const { last_used_at: _a, ...rest } = r
      return rest
    }))
  }
  return out
}
