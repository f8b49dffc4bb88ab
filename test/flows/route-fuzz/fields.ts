import { readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DialectName, DialectOperation } from '../../../src/dialects/operation.ts'
import { OPERATION_TABLES } from '../../../src/dialects/operation-tables.ts'
import { ProductBinding } from '../../../src/dialects/porta/servicestack/dto.ts'
import type { RcOperation } from '../../../src/dialects/resellerclub/call.ts'

// Issue 13 point 9: the field names a generated request uses, derived per operation from what
// declares them — never a hand-kept list, so a new route or field is fuzzed without editing this:
//  - ResellerClub: the call's parameter rules (`call.serve.params`);
//  - Porta: the Product DTO the binder reads (`ProductBinding`, spec/porta.md §2, §6);
//  - routes with a TypeBox schema (native): the OpenAPI document's body and query properties (added by the test);
//  - every operation, and the only source for ICTCore, Packetera and Delacon whose parsers read
//    fields by name in code: the string literals of the operation's file and of the dialect files
//    it imports (`wireStr(b, 'first_name')`, `requiredField(input, 'FirstName', 20)`). A superset
//    (messages and wire ids come along) is fine: unknown names are extra fields, which the fuzz sends anyway.

const SRC = fileURLToPath(new URL('../../../src/dialects/', import.meta.url))
const LITERAL = /'([A-Za-z_][A-Za-z0-9_.-]{0,40})'/g
const IMPORT = /from '(\.[^']+\.ts)'/g

/** One operation of a table, with the file that declares it. */
export interface FuzzOperation {
  dialect: DialectName
  op: DialectOperation<unknown>
  file: string
}

/** Every operation of every table with its file under `src/dialects/<dialect>/operations/` (throws if one has none). */
export async function operationFiles(): Promise<FuzzOperation[]> {
  const out: FuzzOperation[] = []
  for (const table of OPERATION_TABLES) {
    const dir = resolve(SRC, table.dialect, 'operations')
    const byOp = new Map<unknown, string>()
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const file = resolve(dir, f)
      for (const v of Object.values(await import(file) as Record<string, unknown>)) byOp.set(v, file)
    }
    for (const op of table.operations) out.push({ dialect: table.dialect, op, file: byOp.get(op) ?? '' })
  }
  return out
}

/** Identifier-like string literals of a file and of the files of its dialect it imports (one level). */
function sourceNames(file: string, dialectDir: string): Set<string> {
  const names = new Set<string>()
  const scan = (f: string) => { for (const m of readFileSync(f, 'utf8').matchAll(LITERAL)) names.add(m[1]!) }
  const text = readFileSync(file, 'utf8')
  scan(file)
  for (const m of text.matchAll(IMPORT)) {
    const dep = resolve(dirname(file), m[1]!)
    if (dep.startsWith(dialectDir)) scan(dep)
  }
  return names
}

/** The known field names of an operation (without the OpenAPI ones, which need the app). */
export function fieldNames(f: FuzzOperation): string[] {
  const names = f.file ? sourceNames(f.file, resolve(SRC, f.dialect)) : new Set<string>()
  if (f.dialect === 'resellerclub') for (const p of (f.op as RcOperation).serve.params) names.add(p.name)
  if (f.dialect === 'porta') for (const k of Object.keys(ProductBinding.shape)) names.add(k)
  return [...names].sort()
}

/** Body and query property names of an OpenAPI operation (`/docs/json`), for routes with a TypeBox schema. */
export function openApiNames(doc: OpenApiDoc, path: string, method: string): string[] {
  const op = doc.paths[path.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[method.toLowerCase()]
  if (!op) return []
  const body = op.requestBody?.content?.['application/json']?.schema?.properties ?? {}
  return [...Object.keys(body), ...(op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name)]
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, {
    requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
    parameters?: { in: string; name: string }[]
  }>>
}

/** Plausible values a declared rule may accept, tried in order for a valid base request. */
const PLAUSIBLE = ['Passw0rd1', 'Jane Doe', 'Doe Ltd', '1 Main Street', 'Sydney', 'NSW', 'AU', '2000', '61', '291234567', 'en', '10', '1', 'true', '10.0.0.1', 'Active']

/**
 * A request of valid values, where the operation declares rules to satisfy (ResellerClub's
 * `call.serve.params`): each required parameter gets the first fixture or plausible value its check
 * accepts. The fuzz mutates it (drops, replaces, repeats) to get past the "is required" wall.
 */
export function validBase(f: FuzzOperation, values: string[]): [string, string][] {
  if (f.dialect !== 'resellerclub') return []
  const base: [string, string][] = []
  for (const rule of (f.op as RcOperation).serve.params) {
    if (!rule.required) continue
    const value = [...values, `fz${Date.now().toString(36)}@example.com`, ...PLAUSIBLE].find((v) => !rule.check || rule.check(v))
    if (value !== undefined) base.push([rule.name, value])
  }
  return base
}
