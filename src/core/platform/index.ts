// Platform operations across tenants (the operator's: resellers, platform users, number stock).
export * from './platform.ts'
export * from './reseller-admin.ts'
export * from './demo.ts'
export * from './operator-imports.ts'
