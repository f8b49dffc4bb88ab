// Customers' password-reset links (ResellerClub forgot-password): single-use, expiring, stored as digests.
export * from './password-resets.ts'
export { passwordResets } from './password-resets.table.ts'
