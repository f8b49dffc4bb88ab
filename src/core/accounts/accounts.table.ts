import { sql } from 'drizzle-orm'
import { boolean, index, uniqueIndex, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

/**
 * Service identities (ICTCore account / did / extension / eaddress; Porta IAccount).
 * `userId` is the owner; its customer (users.customer_id) is the Porta ICustomer.
 */
export const accounts = pgTable('accounts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  type: text('type').$type<'account' | 'did' | 'extension' | 'eaddress'>().notNull().default('account'),
  username: text('username'),
  /** Device secrets are handed back by Porta (SIPPassword), so they are encrypted, not hashed. */
  passwdEnc: text('passwd_enc'),
  passwdPinEnc: text('passwd_pin_enc'),
  firstName: text('first_name'),
  lastName: text('last_name'),
  address: text('address'),
  phone: text('phone'),
  email: text('email'),
  active: boolean('active').notNull().default(true),
  settings: jsonb('settings').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('accounts_tenant_idx').on(t.tenantId),
  index('accounts_user_idx').on(t.userId),
  uniqueIndex('accounts_tenant_type_username_key').on(sql`coalesce(${t.tenantId}, 0)`, t.type, t.username),
])
