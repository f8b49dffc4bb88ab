import { getTableColumns, getTableName, is, sql, type SQL } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import type { Db } from '../../src/db/client.ts'
import * as schema from '../../src/db/schema.ts'

/** Columns that change on reads (bookkeeping), left out of snapshots. */
const BOOKKEEPING = new Set(['last_used_at'])
/** Tables that count requests and failed logins (issue 13 finding 3): a refused request counts there, and writes nothing else. */
const BOOKKEEPING_TABLES = new Set(['address_requests', 'login_failures'])

const TABLES: PgTable[] = (Object.values(schema).filter((t) => is(t, PgTable)) as PgTable[]).filter((t) => !BOOKKEEPING_TABLES.has(getTableName(t)))

let query: SQL | null = null

/** One table's digest row: its name, row count and an order-free hash of its rows (bookkeeping columns left out). */
function digest(table: PgTable, where?: SQL): SQL {
  const cols = Object.values(getTableColumns(table)).filter((c) => !BOOKKEEPING.has(c.name)).map((c) => sql.identifier(c.name))
  // An order-free digest: the sum of per-row hashes (and the count) changes when any row does.
  return sql`select ${getTableName(table)}::text as t, count(*)::int as n, coalesce(sum(hashtext(row(${sql.join(cols, sql`, `)})::text)::bigint), 0)::text as h from ${table}${where ? sql` where ${where}` : sql``}`
}

async function run(db: Db, q: SQL): Promise<Record<string, string>> {
  const res = await db.execute(q)
  const rows = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { t: string; n: number; h: string }[]
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]))
}

/**
 * A digest of every row of every table (bookkeeping columns left out), in one query: compare two
 * snapshots to prove a request wrote nothing.
 */
export async function tableSnapshot(db: Db): Promise<Record<string, string>> {
  query ??= sql.join(TABLES.map((t) => digest(t)), sql` union all `)
  return run(db, query)
}

/**
 * A digest of part of every table: `where` gets a table's name and column names and returns the
 * condition selecting the rows to compare, or null to leave the table out.
 */
export async function scopedTableSnapshot(db: Db, where: (table: string, columns: ReadonlySet<string>) => SQL | null): Promise<Record<string, string>> {
  const parts = TABLES.flatMap((t) => {
    const cond = where(getTableName(t), new Set(Object.values(getTableColumns(t)).map((c) => c.name)))
    return cond ? [digest(t, cond)] : []
  })
  return run(db, sql.join(parts, sql` union all `))
}
