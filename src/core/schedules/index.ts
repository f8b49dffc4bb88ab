// Schedules (ICTCore §5.14): parsing schedule requests and computing when they are next due.
export * from './schedule-spec.ts'
export { schedules, type ScheduleAction } from './schedules.table.ts'
export * from './scheduling.ts'
