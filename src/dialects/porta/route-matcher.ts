import { PORTA_ROUTES } from './operations.ts'
import type { PortaOperation } from './product-operation.ts'

// spec/porta.md §3 matching over the route table: same segment count, literal first segment equal
// ignoring case, the listed verb; each `:Var` binds the field of the same name (ignoring case,
// done by the binder).

interface IndexedRoute {
  readonly verb: string
  readonly vars: readonly string[]
  readonly operation: PortaOperation
}

const index = new Map<string, IndexedRoute[]>()
for (const r of PORTA_ROUTES) {
  const [literal, ...rest] = r.path.split('/').filter(Boolean)
  const vars = rest.map((s) => {
    if (!/^:\w+$/.test(s)) throw new Error(`${r.operation.wireId}: only the first segment may be literal`)
    return s.slice(1)
  })
  const key = `${literal!.toLowerCase()}/${vars.length + 1}`
  index.set(key, [...(index.get(key) ?? []), { verb: r.verb, vars, operation: r.operation }])
}

export interface RouteMatch {
  operation: PortaOperation
  /** Route variable name → decoded segment. */
  vars: Record<string, string>
}

/** The operation serving `method` on these decoded segments, or null (the no-route 404). */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | null {
  if (!segments.length) return null
  const candidates = index.get(`${segments[0]!.toLowerCase()}/${segments.length}`)
  const r = candidates?.find((c) => c.verb === method)
  if (!r) return null
  const vars: Record<string, string> = {}
  r.vars.forEach((name, i) => { vars[name] = segments[i + 1]! })
  return { operation: r.operation, vars }
}
