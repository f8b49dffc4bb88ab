// Customers: end customers of a reseller (RC customers, Packetera members, Porta ICustomers, Delacon companies).
export * from './customers.ts'
export { customers } from './customers.table.ts'
