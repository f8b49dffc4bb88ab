// Transmissions (delivery jobs), their spools (attempts) and results (spec/ictcore.md §4.3, §4.8, §5.8–§5.11, §7.1, §7.2).
// Starting attempts and recording their events is delivery's (core/delivery).
export * from './transmissions.ts'
export * from './sending.ts'
export * from './spools.ts'
export * from './inbound.ts'
export { spoolResults, spools, transmissions, type SpoolStatus, type TransmissionStatus } from './transmissions.table.ts'
