// Call tracking (Delacon): companies (customers with a call-tracking profile), number orders,
// allocation from the numbers inventory, waiting-order fulfilment, feature switches.
export * from './rules.ts'
export { findCompany, getCompany, type Company, type CompanySettings } from './companies.ts'
export { provisionNumbers, type NewCompany, type ProvisionInput, type ProvisionResult } from './provision.ts'
export { updateCompany, setCompanyFeature, setFeatureProvisioned, type CompanyPatch, type CompanyFeature } from './update.ts'
export { getOrder, getOrderDetail, listOrders, resendOrderCallback, type NumberOrder, type OrderView, type OrderDetail, type OrderFilter } from './orders.ts'
export { expireWaitingOrders, failOrder } from './waiting-orders.ts'
export { orderCallbackBody, ORDER_CALLBACK_TOPIC, ORDER_FAIL_TEXT } from './order-completion.ts'
export { callTrackingCompanies, numberOrders, numberOrderNumbers, type CallTrack, type OrderStatus, type CallbackStatus, type OrderFailReason } from './call-tracking.table.ts'
