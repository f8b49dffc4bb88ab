// Delivery (design.md "Delivery has one home in core"; spec/ictcore.md §7.1–§7.3): what the dispatcher's
// loops call. Attempts start as queued spools (attempt-start.ts), campaigns paced into slots
// (pacing.ts); the spool queue hands due spools to workers under leases and takes back what a dead
// worker held (spool-queue.ts, next-due.ts); claimed spools become attempts for gateways
// (outbound-attempts.ts); what happens to them is recorded in batches (event-sink.ts,
// gateway-events.ts) through one pure state change (next-spool-state.ts).
export { sendDueTransmissions, startAttempts, type StartOutcome } from './attempt-start.ts'
export { runCampaignTurn, withdrawBookedSends } from './pacing.ts'
export { claimDueSpools, deferSpools, failOverdueReports, failSilentSpools, reapExpiredLeases, renewLeases, type ClaimedSpool } from './spool-queue.ts'
export { nextPlannedWorkAt, nextQueuedSpoolAt } from './next-due.ts'
export { DEFAULT_MAIL_TRANSPORT_ID, mailTransportOf } from './mail-transport.ts'
export { attemptProvider, outboundAttempts, type AttemptProvider, type DeliveryAttempt, type PreparedAttempt } from './outbound-attempts.ts'
export type { DeliveryEvent, SpoolEvents } from './delivery-event.ts'
export { EventSink } from './event-sink.ts'
export { recordGatewayEvents } from './gateway-events.ts'
export { nextSpoolState, type NextSpoolState, type ResultRow, type SpoolBefore } from './next-spool-state.ts'
export { spoolsOfPeerMessages, type SpoolOfPeerMessage } from './peer-message-ids.ts'
