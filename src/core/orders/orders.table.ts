import { boolean, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'

export type ProductOrderStatus = 'active' | 'suspended'

/**
 * A customer's product orders (spec/resellerclub.md §3 "Order"): a product key with its free email
 * service. A customer with orders cannot be deleted (the foreign key refuses it too).
 */
export const productOrders = pgTable('product_orders', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id),
  /** e.g. `domcno`, `hosting-linux-us`. */
  productKey: text('product_key').notNull(),
  status: text('status').$type<ProductOrderStatus>().notNull().default('active'),
  freeEmail: boolean('free_email').notNull().default(false),
  freeEmailActivatedAt: timestamp('free_email_activated_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('product_orders_tenant_idx').on(t.tenantId, t.id), index('product_orders_customer_idx').on(t.customerId)])
