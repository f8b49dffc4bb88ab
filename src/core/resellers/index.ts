// Resellers (partners, tenants) and their API keys.
export * from './resellers.ts'
export { resellers, apiKeys } from './resellers.table.ts'
