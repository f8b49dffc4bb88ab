import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { validId } from '../kernel/index.ts'

/**
 * `column = any('{…}'::int[])`: one bound parameter however many ids (a list of 100,000 accounts
 * would pass PostgreSQL's 65,535 bind parameters as `in (…)`). Invalid ids are dropped.
 */
export function idIn(column: AnyPgColumn | SQL, ids: readonly number[]): SQL {
  return sql`${column} = any(${`{${ids.filter(validId).join(',')}}`}::int[])`
}
