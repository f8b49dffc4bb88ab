import type { Core } from '../core/core.ts'
import { receiveInbound, type InboundMessage, type InboundOutcome } from '../core/transmissions/inbound.ts'

export type { InboundMessage, InboundOutcome }

/**
 * The entry point gateways hand inbound messages to (the sandbox's is the native API's
 * `POST /native/sandbox/inbound`). Gateways reach core only through the dispatcher.
 */
export async function deliverInbound(core: Core, message: InboundMessage): Promise<InboundOutcome> {
  return receiveInbound(core, message)
}
