import { and, eq, gte, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { Invalid } from '../errors.ts'

/**
 * Whitelisted list filters and paging (spec/ictcore.md §6), wire-neutral: the caller passes core
 * filter names; unknown names are ignored, empty values disable a filter.
 */
export interface ListQuery {
  filters?: Record<string, string | undefined>
  limit?: string
  offset?: string
}

export interface FilterSpec {
  /** Exact filters: integer columns, 0/1 flags, or enum text. */
  exact: Record<string, { column: AnyPgColumn; kind: 'int' | 'bool' | 'enum' }>
  /** Case-insensitive substring filters. */
  text: Record<string, AnyPgColumn | SQL>
  /** The creation time that `after` / `before` (unix seconds) bound: date_created, spools time_spool (§6). */
  created?: AnyPgColumn
}

export interface ListWindow {
  where: SQL | undefined
  limit: number | undefined
  offset: number
}

const INT = /^-?[0-9]{1,10}$/
const MAX_INT = 2_147_483_647

/** An ILIKE pattern matching `value` anywhere, its own `%`, `_` and `\\` taken literally. */
export function containsPattern(value: string): string {
  return '%' + value.replace(/[\\%_]/g, (c) => '\\' + c) + '%'
}

/** Case-insensitive (Unicode lower-casing) "contains" without LIKE wildcards to escape; a NUL needle matches nothing. */
export function textContains(column: SQLWrapper, needle: string): SQL {
  // PostgreSQL text cannot hold NUL: such a needle matches nothing (and must not reach the server).
  if (needle.includes('\u0000')) return sql`false`
  return sql`position(lower(${needle}) in lower(coalesce(${column}, ''))) > 0`
}

/** Builds the WHERE condition and paging for a list; bad values are Invalid for their name. */
export function listWindow(spec: FilterSpec, query: ListQuery = {}, defaults: { limit?: number; max?: number } = {}): ListWindow {
  const conds: SQL[] = []
  for (const [name, raw] of Object.entries(query.filters ?? {})) {
    if (raw === undefined || raw === '') continue
    // PostgreSQL text cannot hold NUL: no row can match it, and the driver would refuse the value.
    if (raw.includes('\u0000')) throw new Invalid(name, 'contains a NUL character')
    if ((name === 'after' || name === 'before') && spec.created) {
      if (!/^[0-9]{1,12}$/.test(raw)) throw new Invalid(name, 'must be unix seconds')
      // Whole seconds, as the wire shows them: `before=T` keeps everything created during second T.
      const second = Number(raw) * 1000
      conds.push(name === 'after' ? gte(spec.created, new Date(second)) : lt(spec.created, new Date(second + 1000)))
      continue
    }
    const exact = spec.exact[name]
    if (exact) {
      if (exact.kind === 'enum') conds.push(eq(exact.column, raw))
      else if (exact.kind === 'bool') {
        if (raw !== '0' && raw !== '1') throw new Invalid(name, 'must be 0 or 1')
        conds.push(eq(exact.column, raw === '1'))
      } else {
        if (!INT.test(raw) || Math.abs(Number(raw)) > MAX_INT) throw new Invalid(name, 'must be an integer')
        conds.push(eq(exact.column, Number(raw)))
      }
      continue
    }
    const text = spec.text[name]
    if (text) conds.push(sql`${text} ilike ${containsPattern(raw)}`)
  }
  let limit = defaults.limit
  if (query.limit !== undefined && query.limit !== '') {
    if (!/^[0-9]{1,10}$/.test(query.limit) || Number(query.limit) < 1) throw new Invalid('limit', 'must be an integer of at least 1')
    limit = Math.min(Number(query.limit), MAX_INT)
  }
  if (defaults.max !== undefined && limit !== undefined) limit = Math.min(limit, defaults.max)
  let offset = 0
  if (query.offset !== undefined && query.offset !== '') {
    if (!/^[0-9]{1,10}$/.test(query.offset)) throw new Invalid('offset', 'must be an integer of at least 0')
    offset = Math.min(Number(query.offset), MAX_INT)
  }
  return { where: conds.length ? and(...conds) : undefined, limit, offset }
}
