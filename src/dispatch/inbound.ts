import type { Core } from '../core/core.ts'
import { receiveInbound, type InboundMessage } from '../core/transmissions/inbound.ts'

/**
 * The entry point gateways hand inbound messages to (the sandbox's is the native API's
 * `POST /native/sandbox/inbound`). Gateways reach core only through the dispatcher.
 */
export async function deliverInbound(core: Core, message: InboundMessage): Promise<{ transmissionId: number; spoolId: number }> {
  return receiveInbound(core, message)
}
