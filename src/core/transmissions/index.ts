// Transmissions (delivery jobs), their spools (attempts) and results (spec/ictcore.md §4.3, §4.8, §5.8–§5.11, §7.1, §7.2).
export * from './transmissions.ts'
export * from './attempts.ts'
export * from './spools.ts'
export * from './outcomes.ts'
export * from './inbound.ts'
export type { AttemptEvent } from './attempt-events.ts'
export { spoolResults, spools, transmissions, type SpoolStatus, type TransmissionStatus } from './transmissions.table.ts'
