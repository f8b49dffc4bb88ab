// The partner's catalog (spec/resellerclub.md §3): promotional prices and payment gateways, kept per
// reseller by the operator (native API, CLI) and read by the dialects.
export * from './promos.ts'
export * from './payment-gateways.ts'
export { paymentGateways, promos, type PaymentType } from './catalog.table.ts'
