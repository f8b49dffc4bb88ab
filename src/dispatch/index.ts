// The dispatcher: the loops around core's delivery (core/delivery) and the only caller of gateways (design.md).
export { Dispatcher } from './dispatcher.ts'
export { deliverInbound, type InboundMessage, type InboundOutcome } from './inbound.ts'
export { availableGateways } from './gateways.ts'
export { listSandboxSends, type SandboxSend } from './sandbox-log.ts'
