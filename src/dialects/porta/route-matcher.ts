import { PORTA_OPERATIONS } from './operations.ts'
import type { PortaOperation } from './product-operation.ts'

// spec/porta.md §3 matching over the operation table: same segment count, literal first segment
// equal ignoring case, the listed verb; each `:Var` binds the field of the same name (ignoring case,
// done by the binder).

interface PortaRoute {
  readonly verb: string
  readonly vars: readonly string[]
  readonly operation: PortaOperation
}

function routeOf(op: PortaOperation): { key: string; route: PortaRoute } {
  const [literal, ...rest] = op.path.split('/').filter(Boolean)
  const vars = rest.map((s) => {
    if (!/^:\w+$/.test(s)) throw new Error(`${op.wireId}: only the first segment may be literal`)
    return s.slice(1)
  })
  if (op.methods.length !== 1) throw new Error(`${op.wireId}: a §3 route lists one verb`)
  return { key: `${literal!.toLowerCase()}/${vars.length + 1}`, route: { verb: op.methods[0]!, vars, operation: op } }
}

const index = new Map<string, PortaRoute[]>()
for (const op of PORTA_OPERATIONS.operations) {
  const { key, route } = routeOf(op)
  index.set(key, [...(index.get(key) ?? []), route])
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
