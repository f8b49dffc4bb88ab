import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'

/**
 * Inventory pools: one per (region name, number-type key) of the catalogue, created on first use.
 * The row is also the lock that serialises allocation and fulfilment of the pool.
 */
export const numberPools = pgTable('number_pools', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Region name as in the catalogue (`Australia`). */
  region: text('region').notNull(),
  /** Number-type key (`1300`). */
  numberType: text('number_type').notNull(),
  /** Whether shortages wait for new stock (true) or fail at once (spec/delacon.md §4). */
  backorder: boolean('backorder').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('number_pools_region_type_key').on(t.region, t.numberType)])

/**
 * Tracking numbers. `tenant_id` null = deployment-wide stock any partner may draw; a reseller id =
 * that reseller's own stock, drawn only by its orders.
 */
export const trackingNumbers = pgTable('tracking_numbers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  poolId: integer('pool_id').notNull().references(() => numberPools.id),
  /** National format digit string, beginning with the pool's number-type key; unique deployment-wide. */
  number: text('number').notNull(),
  state: text('state').$type<'free' | 'allocated'>().notNull().default('free'),
  /** The company (customer) it is allocated to. */
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
  allocatedAt: timestamp('allocated_at', { withTimezone: true }),
  /** While allocated: the company's `did` account of this number (ICTCore /dids, Porta DID account). */
  accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('tracking_numbers_number_key').on(t.number),
  // The allocation scan: free numbers of a pool in ascending digit-string order.
  index('tracking_numbers_free_idx').on(t.poolId, sql`${t.number} collate "C"`).where(sql`${t.state} = 'free'`),
  index('tracking_numbers_customer_idx').on(t.customerId),
  uniqueIndex('tracking_numbers_account_key').on(t.accountId),
  index('tracking_numbers_tenant_idx').on(t.tenantId),
])
