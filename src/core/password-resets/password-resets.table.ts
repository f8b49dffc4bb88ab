import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

/**
 * Single-use password-reset links of customers (ResellerClub `customers/forgot-password`). Only the
 * SHA-256 digest of the link's token is kept here, to look it up; the link itself is in the email
 * (and its outgoing transmission) and works once, for an hour.
 */
export const passwordResets = pgTable('password_resets', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  digest: text('digest').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('password_resets_digest_key').on(t.digest), index('password_resets_user_idx').on(t.userId)])
