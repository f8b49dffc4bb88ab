// Customers: end customers of a reseller (RC customers, Packetera members, Porta ICustomers, Delacon companies).
export * from './customers.ts'
export * from './sign-up.ts'
export { countryCodeOf, countryNameOf } from './country-names.ts'
export { joinPhone, splitPhone } from './phone-numbers.ts'
export * from './customer-queries.ts'
export * from './customer-changes.ts'
export * from './customer-rules.ts'
export { customers } from './customers.table.ts'
