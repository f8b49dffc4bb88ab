// Counters of `GET /statistics` (spec/ictcore.md §10).
export * from './statistics.ts'
