import type { Operation } from './operations/operation.ts'
import { getAccountInfo } from './operations/account-info.ts'
import { getCustomerAccounts } from './operations/customer-accounts.ts'

// The custom routes of spec/porta.md §3 as a table; later issues add rows. Matching: same segment
// count, literal first segment equal ignoring case, the listed verb; `{Var}` binds the field of
// the same name (ignoring case, done by the binder).

export interface PortaRoute {
  /** The row number in §3. */
  readonly n: number
  readonly verb: 'GET' | 'POST'
  readonly path: string
  /** The literal first segment = the operation name (§3). */
  readonly literal: string
  readonly vars: readonly string[]
  readonly operation: Operation
}

function route(n: number, verb: 'GET' | 'POST', path: string, operation: Operation): PortaRoute {
  const [literal, ...rest] = path.split('/').filter(Boolean)
  const vars = rest.map((s) => {
    if (!/^\{\w+\}$/.test(s)) throw new Error(`route ${n}: only the first segment may be literal`)
    return s.slice(1, -1)
  })
  return { n, verb, path, literal: literal!, vars, operation }
}

export const ROUTES: readonly PortaRoute[] = [
  route(14, 'GET', '/GetAccountInfoByIAccount/{License}/{IAccount}', getAccountInfo),
  route(38, 'GET', '/GetAccounts/{License}/{ICustomer}', getCustomerAccounts),
]

const index = new Map<string, PortaRoute[]>()
for (const r of ROUTES) {
  const key = `${r.literal.toLowerCase()}/${r.vars.length + 1}`
  index.set(key, [...(index.get(key) ?? []), r])
}

export interface RouteMatch {
  route: PortaRoute
  /** Route variable name → decoded segment. */
  vars: Record<string, string>
}

/** The route serving `method` on these decoded segments, or null (the no-route 404). */
export function matchRoute(method: string, segments: readonly string[]): RouteMatch | null {
  if (!segments.length) return null
  const candidates = index.get(`${segments[0]!.toLowerCase()}/${segments.length}`)
  const r = candidates?.find((c) => c.verb === method)
  if (!r) return null
  const vars: Record<string, string> = {}
  r.vars.forEach((name, i) => { vars[name] = segments[i + 1]! })
  return { route: r, vars }
}
