import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'

/**
 * Single-use customer login tokens (ResellerClub generate-token / generate-login-token). Redeemed ones
 * are kept (consumed_at set) so an expired or reused token can be told from an unknown one.
 */
export const loginTokens = pgTable('login_tokens', {
  /** UUID v4, lower case. Text, so a malformed presented token is simply not found. */
  token: text('token').primaryKey(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  /** `token`: after a password check; `login`: vouched for by the reseller. */
  kind: text('kind').$type<'token' | 'login'>().notNull(),
  /** The end user's address the token was issued for. */
  ip: text('ip'),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
}, (t) => [index('login_tokens_issued_idx').on(t.issuedAt), index('login_tokens_customer_idx').on(t.customerId)])
