import { getTableName, is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import * as schema from './schema.ts'

/**
 * Tables a write to a table may change through foreign keys (`on delete cascade | set null |
 * set default`), transitively. A statement is reported under the table it names; the rows the
 * database changes for it elsewhere count as writes of these tables too.
 */
function buildCascades(): Map<string, string[]> {
  const children = new Map<string, Set<string>>()
  for (const t of Object.values(schema)) {
    if (!is(t, PgTable)) continue
    const config = getTableConfig(t)
    for (const fk of config.foreignKeys) {
      if (!fk.onDelete || fk.onDelete === 'no action' || fk.onDelete === 'restrict') continue
      const parent = getTableName(fk.reference().foreignTable)
      if (!children.has(parent)) children.set(parent, new Set())
      children.get(parent)!.add(config.name)
    }
  }
  const closure = new Map<string, string[]>()
  for (const parent of children.keys()) {
    const seen = new Set<string>()
    const stack = [parent]
    while (stack.length) for (const c of children.get(stack.pop()!) ?? []) if (!seen.has(c)) { seen.add(c); stack.push(c) }
    closure.set(parent, [...seen])
  }
  return closure
}

const CASCADES = buildCascades()

/** The tables plus every table their writes may change through cascading foreign keys. */
export function withCascades(tables: readonly string[]): string[] {
  const out = new Set(tables)
  for (const t of tables) for (const c of CASCADES.get(t) ?? []) out.add(c)
  return [...out]
}
