// Users: login identities, roles and permissions (ICTCore vocabulary), actors of logged-in users.
export * from './users.ts'
export * from './permission-names.ts'
export { users, roles, permissions, rolePermissions, userRoles, userPermissions, revokedTokens } from './users.table.ts'
