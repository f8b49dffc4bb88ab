// Call tracking (Delacon): companies (customers with a call-tracking profile), number orders,
// allocation from the numbers inventory, waiting-order fulfilment, feature switches.
export * from './rules.ts'
export { findCompany, getCompany, type Company, type CompanySettings } from './companies.ts'
export { provisionNumbers, type NewCompany, type ProvisionInput, type ProvisionResult } from './provision.ts'
export { updateCompany, setCompanyFeature, setFeatureProvisioned, type CompanyPatch, type CompanyFeature } from './update.ts'
export { getOrder, type NumberOrder } from './orders.ts'
export { callTrackingCompanies, numberOrders, numberOrderNumbers, type CallTrack, type OrderStatus, type CallbackStatus } from './call-tracking.table.ts'
