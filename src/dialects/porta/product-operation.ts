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

/**
 * A Porta operation. `wireId` is the §3 literal (the operation name); `path` is its §3 route with
 * `{Var}` written `:Var`; `methods` holds the one listed verb.
 */
export type PortaOperation = DialectOperation<PortaServe>

/** Declares a Porta operation (a typed identity: the object literal is checked against the skeleton). */
export function portaOperation(op: PortaOperation): PortaOperation {
  return op
}

/** §4.1 response shape: `License` never echoed, `ContentId` and `FeatureName` echo the request. */
export function echo(dto: ProductRequest): Pick<ProductResponseValue, 'ContentId' | 'FeatureName' | 'License'> {
  return { ContentId: dto.ContentId ?? 0, FeatureName: dto.FeatureName ?? null, License: null }
}
