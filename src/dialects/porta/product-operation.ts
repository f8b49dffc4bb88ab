import type { Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import type { DialectOperation } from '../operation.ts'
import type { ProductRequest, ProductResponseValue } from './servicestack/index.ts'

// A Porta operation (spec/porta.md §3, §4): its §3 route and what it makes of the bound `Product`
// request. Negotiation, binding, License and the reply format are the plugin's and servicestack/'s.

/** What an operation gets: the bound request and the partner's actor (License already checked). */
export interface OperationContext {
  core: Core
  actor: Actor
  dto: ProductRequest
  /** `{TenantID}` (§3), 0 when not given. */
  tenantId: number
}

/** Runs an operation on the bound request: the ProductResponse it answers (faults and domain errors thrown). */
export type PortaServe = (ctx: OperationContext) => Promise<ProductResponseValue>

/** One §3 route of an operation: its row number in §3 (the reference page's order) and its path with `{Var}` written `:Var`. */
export type PortaRoute = readonly [row: number, path: string]

/**
 * A Porta operation. `wireId` is the §3 literal (the operation name); `routes` are its §3 routes
 * (routes sharing a literal are one operation, §3); `path` is the first of them; `methods` holds
 * the one listed verb.
 */
export interface PortaOperation extends DialectOperation<PortaServe> {
  readonly routes: readonly PortaRoute[]
}

/** Declares a Porta operation: `path` is its first route. */
export function portaOperation(op: Omit<PortaOperation, 'path'>): PortaOperation {
  return { ...op, path: op.routes[0]![1] }
}

/** §4.1 response shape: `License` never echoed, `ContentId` and `FeatureName` echo the request. */
export function echo(dto: ProductRequest): Pick<ProductResponseValue, 'ContentId' | 'FeatureName' | 'License'> {
  return { ContentId: dto.ContentId ?? 0, FeatureName: dto.FeatureName ?? null, License: null }
}
