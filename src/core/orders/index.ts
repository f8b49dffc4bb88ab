// Customers' product orders (spec/resellerclub.md §3 "Order"): placed and managed by the operator,
// read by the dialects; ResellerClub turns on their free email service.
export * from './orders.ts'
export { productOrders, type ProductOrderStatus } from './orders.table.ts'
