// The dispatcher: the only caller of gateways (design.md). Spool queue, pacing, retries, schedules, watchdog.
export { Dispatcher } from './dispatcher.ts'
export { claimDueSpools, failSilentSpools, reapExpiredLeases, renewLeases } from './claim.ts'
export { deliverInbound, type InboundMessage, type InboundOutcome } from './inbound.ts'
export { availableGateways } from './gateways.ts'
export { listSandboxSends, type SandboxSend } from './sandbox-log.ts'
