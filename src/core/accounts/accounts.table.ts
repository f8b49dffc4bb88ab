import { sql } from 'drizzle-orm'
import { boolean, index, uniqueIndex, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

/**
 * Service identities (ICTCore account / did / extension / eaddress; Porta IAccount).
 * `userId` is the owner; `customerId` the customer the account belongs to (the Porta ICustomer),
 * else its owner's customer (users.customer_id): see accountCustomer in account-directory.ts.
 */
export const accounts = pgTable('accounts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  /**
   * Set for every account of a customer: a member phone's, a tracking number's DID, and any account
   * whose owner is a customer's user. A customer with no login (a Delacon company) reaches its
   * accounts only through it.
   */
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
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
  index('accounts_customer_idx').on(t.customerId),
  // REPORT's activation window falls back to the creation time (products/service-accounts.ts `activatedIn`).
  index('accounts_tenant_created_idx').on(t.tenantId, t.createdAt),
  // A number is one DID in the whole deployment (assertUnique, and allocation skips a number held as a DID).
  index('accounts_did_phone_idx').on(t.phone).where(sql`${t.type} = 'did'`),
  uniqueIndex('accounts_tenant_type_username_key').on(sql`coalesce(${t.tenantId}, 0)`, t.type, t.username),
])
