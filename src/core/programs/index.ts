// Programs (what a transmission does) and account program subscriptions (spec/ictcore.md §4.1, §4.2, §7.4).
export * from './program-types.ts'
export * from './programs.ts'
export * from './subscriptions.ts'
export { accountPrograms, programs, type ProgramParams, type ProgramType } from './programs.table.ts'
