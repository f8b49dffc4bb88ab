import type { Core } from '../core/core.ts'
import type { Gateway } from '../gateways/gateway.ts'
import { SandboxGateway } from '../gateways/sandbox/sandbox-gateway.ts'

/** The gateways a dispatcher drives, one per provider type it can serve (real peers come in a later issue). */
export function availableGateways(core: Core): Gateway[] {
  return [new SandboxGateway(core.db)]
}
