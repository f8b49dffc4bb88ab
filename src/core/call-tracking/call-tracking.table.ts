import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { customers } from '../customers/customers.table.ts'
import { numberPools, trackingNumbers } from '../numbers/numbers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'

/**
 * Call-tracking extras of a customer (a Delacon company), keyed by customer id. Name and email live
 * on the customer row. Defaults are those of spec/delacon.md §6.1.
 */
export const callTrackingCompanies = pgTable('call_tracking_companies', {
  customerId: integer('customer_id').primaryKey().references(() => customers.id, { onDelete: 'cascade' }),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  busCat: text('bus_cat'),
  /** Where tracked calls are forwarded: optional `+` then 8–15 digits. */
  terminationNumber: text('termination_number').notNull(),
  /** The partner's own reference. */
  busId: text('bus_id'),
  /** Pool of the first order (region name, number-type key): later orders draw from it. */
  poolId: integer('pool_id').notNull().references(() => numberPools.id),
  region: text('region').notNull(),
  numberType: text('number_type').notNull(),
  /** Primary tracking number (OneThreeHundredNumber); default the first allocated. */
  primaryNumber: text('primary_number'),
  whisper: boolean('whisper').notNull().default(false),
  dnis: boolean('dnis').notNull().default(false),
  /** 1 email only, 2 transfer only, 3 transfer and email. */
  xferType: integer('xfer_type').notNull().default(2),
  voicemail: boolean('voicemail').notNull().default(false),
  /** Seconds to ring the termination number, 0–999. */
  xferTime: integer('xfer_time').notNull().default(30),
  moh: boolean('moh').notNull().default(false),
  smsMessage: text('sms_message').notNull().default(''),
  callTrack: text('call_track').$type<CallTrack>().notNull().default('All'),
  callRecordingProvisioned: boolean('call_recording_provisioned').notNull().default(false),
  callRecordingEnabled: boolean('call_recording_enabled').notNull().default(false),
  callFeedbackSurveyProvisioned: boolean('call_feedback_survey_provisioned').notNull().default(false),
  callFeedbackSurveyEnabled: boolean('call_feedback_survey_enabled').notNull().default(false),
  ivrProvisioned: boolean('ivr_provisioned').notNull().default(false),
  ivrEnabled: boolean('ivr_enabled').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('call_tracking_companies_tenant_idx').on(t.tenantId)])

export type CallTrack = 'GooglePaid' | 'AllPaidOnly' | 'All' | 'Selected' | 'AllUtmMediumCpc'
export type OrderStatus = 'OK' | 'WAIT' | 'FAIL'
export type CallbackStatus = 'none' | 'pending' | 'accepted' | 'failed'
export type OrderFailReason = 'no stock' | 'timeout' | 'operator'

/** Number orders (Delacon OrderId: the deployment-wide identity sequence). */
export const numberOrders = pgTable('number_orders', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  /** The company; null only for a new customer's order that failed (no company is created then). */
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
  poolId: integer('pool_id').notNull().references(() => numberPools.id),
  quantity: integer('quantity').notNull(),
  orderSummaryEmail: text('order_summary_email'),
  status: text('status').$type<OrderStatus>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  /** Why a FAIL order failed: `no stock` (pool without back-order), `timeout` (WAIT too long), `operator`. */
  failReason: text('fail_reason').$type<OrderFailReason>(),
  /** Post-provisioning callback (§9, partner_callbacks): only orders answered WAIT ever get one. */
  callbackId: integer('callback_id'),
  /** The order-summary email (§5 rule 6): a transmission of the email channel. */
  summaryTransmissionId: integer('summary_transmission_id'),
}, (t) => [
  index('number_orders_pool_status_idx').on(t.poolId, t.status, t.id),
  index('number_orders_tenant_idx').on(t.tenantId),
  index('number_orders_customer_idx').on(t.customerId),
  // WAIT orders by age: the timeout sweep.
  index('number_orders_waiting_idx').on(t.createdAt).where(sql`${t.status} = 'WAIT'`),
])

/** The numbers an order allocated. */
export const numberOrderNumbers = pgTable('number_order_numbers', {
  orderId: integer('order_id').notNull().references(() => numberOrders.id, { onDelete: 'cascade' }),
  numberId: integer('number_id').notNull().references(() => trackingNumbers.id, { onDelete: 'cascade' }),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.orderId, t.numberId] }), index('number_order_numbers_number_idx').on(t.numberId)])
