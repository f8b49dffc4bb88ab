import type { Actor } from '../../../core/actor.ts'
import type { Core } from '../../../core/core.ts'
import type { ProductRequest, ProductResponseValue } from '../dto.ts'

/** What an operation gets: the bound request and the partner's actor (License already checked). */
export interface OperationContext {
  core: Core
  actor: Actor
  dto: ProductRequest
  /** `{TenantID}` (§3), 0 when not given. */
  tenantId: number
}

export type Operation = (ctx: OperationContext) => Promise<ProductResponseValue>

/** §4.1 response shape: `License` never echoed, `ContentId` and `FeatureName` echo the request. */
export function echo(dto: ProductRequest): Pick<ProductResponseValue, 'ContentId' | 'FeatureName' | 'License'> {
  return { ContentId: dto.ContentId ?? 0, FeatureName: dto.FeatureName ?? null, License: null }
}
