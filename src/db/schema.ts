// Every table of the one schema: each concept owns its `*.table.ts`; this file only re-exports them.
export * from '../core/settings/server-settings.table.ts'
export * from '../core/resellers/resellers.table.ts'
export * from '../core/customers/customers.table.ts'
export * from '../core/users/users.table.ts'
export * from '../core/accounts/accounts.table.ts'
export * from '../core/click-to-call/click-to-call.table.ts'
export * from '../core/login-tokens/login-tokens.table.ts'
