// Accounts: service identities (ICTCore account / did / extension / eaddress, Porta IAccount).
export * from './accounts.ts'
export * from './account-settings.ts'
export { accounts } from './accounts.table.ts'
