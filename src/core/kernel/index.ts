// The shared kernel of core: what every concept uses and none owns — tenant and ownership scoping,
// permission guards, list windows and filters, field rules, row ids, database error mapping.
export { ownedScope, tenantOf, tenantScope } from './tenancy.ts'
export { requireAdmin, requirePermission } from './guard.ts'
export { listWindow, textContains, type FilterSpec, type ListQuery, type ListWindow } from './list-filter.ts'
export { MAX_ID, validId } from './ids.ts'
export { databaseUnavailable, domainErrorOf, isUniqueViolation } from './db-errors.ts'
export { pageWindow, PAGE_MAX, type Page, type PageRequest } from './pages.ts'
