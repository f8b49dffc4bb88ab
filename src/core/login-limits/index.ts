// Login limits (issue 13 finding 3): failed logins per credential and per client address, and
// requests per client address, counted in the database so that they hold across processes.
export * from './lock-state.ts'
export * from './login-limits.ts'
export * from './address-requests.ts'
export { addressRequests, loginFailures } from './login-limits.table.ts'
