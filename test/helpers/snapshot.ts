import { getTableColumns, getTableName, is, sql, type SQL } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../../src/db/client.ts'
import * as schema from '../../src/db/schema.ts'

/** Columns that change on reads (bookkeeping), left out of snapshots. */
const BOOKKEEPING = new Set(['last_used_at'])
/** Tables that count requests and failed logins (issue 13 finding 3): a refused request counts there, and writes nothing else. */
const BOOKKEEPING_TABLES = new Set(['address_requests', 'login_failures'])

let query: SQL | null = null

/**
 * A digest of every row of every table (bookkeeping columns left out), in one query: compare two
 * snapshots to prove a request wrote nothing.
 */
export async function tableSnapshot(db: Db): Promise<Record<string, string>> {
  query ??= sql.join(Object.values(schema).filter((t) => is(t, PgTable) && !BOOKKEEPING_TABLES.has(getTableName(t as PgTable))).map((t) => {
    const table = t as PgTable
    const cols = Object.values(getTableColumns(table)).filter((c) => !BOOKKEEPING.has(c.name)).map((c) => sql.identifier(c.name))
    // An order-free digest: the sum of per-row hashes (and the count) changes when any row does.
    return sql`select ${getTableName(table)}::text as t, count(*)::int as n, coalesce(sum(hashtext(row(${sql.join(cols, sql`, `)})::text)::bigint), 0)::text as h from ${table}`
  }), sql` union all `)
  const res = await db.execute(query)
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { t: string; n: number; h: string }[]
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]))
}
