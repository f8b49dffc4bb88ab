import { boolean, index, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'

/**
 * A reseller's promotional prices (spec/resellerclub.md §3, §4.3 promo map): the fifteen fields a
 * partner's panel shows, active or not. Prices are exact decimals.
 */
export const promos = pgTable('promos', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  productKey: text('product_key').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  /** Years. */
  period: integer('period').notNull().default(1),
  /** Discounted reseller price (`resellerpriceone`). */
  resellerPriceOne: numeric('reseller_price_one', { precision: 14, scale: 3 }).notNull(),
  /** Standard reseller price (`resellerpricetwo`). */
  resellerPriceTwo: numeric('reseller_price_two', { precision: 14, scale: 3 }).notNull(),
  customerPrice: numeric('customer_price', { precision: 14, scale: 3 }).notNull(),
  barrierPrice: numeric('barrier_price', { precision: 14, scale: 3 }).notNull().default('0'),
  /** Price applicable to sub-resellers. */
  resellerPrice: numeric('reseller_price', { precision: 14, scale: 3 }).notNull(),
  currencySymbol: text('currency_symbol').notNull().default('USD'),
  /** e.g. `addnewdomain`, `renewdomain`. */
  actionType: text('action_type').notNull(),
  sellingCurrency: text('selling_currency').notNull().default('USD'),
  active: boolean('active').notNull().default(true),
  trickleAllowed: boolean('trickle_allowed').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('promos_tenant_idx').on(t.tenantId, t.id)])

/** The payment types a gateway may serve (spec/resellerclub.md §3). */
export type PaymentType = 'AddFund' | 'Payment'

/**
 * A reseller's payment gateways, offered to all of its customers (spec/resellerclub.md §4.3 gateway
 * map): `paymenttypeid` is the row id.
 */
export const paymentGateways = pgTable('payment_gateways', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  gatewayType: text('gateway_type').notNull(),
  gatewayName: text('gateway_name').notNull(),
  postUrl: text('post_url').notNull(),
  displayPosition: integer('display_position').notNull().default(1),
  customerAccessLevel: text('customer_access_level').notNull().default('ALL'),
  paymentTypes: text('payment_types').array().$type<PaymentType[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('payment_gateways_tenant_idx').on(t.tenantId, t.displayPosition, t.id)])
