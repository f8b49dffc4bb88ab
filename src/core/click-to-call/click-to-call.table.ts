import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'

/**
 * Click-to-call extras of a customer (a Packetera member): one row per member, keyed by customer id.
 * Name, company, country, state, city and email live on the customer; the login on its primary user.
 */
export const clickToCallMembers = pgTable('click_to_call_members', {
  customerId: integer('customer_id').primaryKey().references(() => customers.id, { onDelete: 'cascade' }),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  /** Upper-case GUID, fixed at creation (Packetera ActivationID). */
  activationId: text('activation_id').notNull(),
  /** Members start inactive until activated (link or ActivateMemberAccount). */
  active: boolean('active').notNull().default(false),
  corporate: boolean('corporate').notNull().default(false),
  companyUrl: text('company_url'),
  referBy: text('refer_by'),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('click_to_call_members_activation_key').on(t.activationId),
  index('click_to_call_members_tenant_idx').on(t.tenantId),
])

/**
 * A member's own numbers that receive callbacks; the first one (`isDefault`) cannot be deleted.
 * Each is an account of the customer (`account_id`, type `account`), kept in step with it.
 */
export const memberPhones = pgTable('member_phones', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  /** Normalised: optional `+` then 7–15 digits. */
  number: text('number').notNull(),
  name: text('name').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  /** The phone's account; deleted with the phone (an account of a phone is not deleted on its own). */
  accountId: integer('account_id').notNull().references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('member_phones_customer_number_key').on(t.customerId, t.number),
  uniqueIndex('member_phones_account_key').on(t.accountId),
  index('member_phones_tenant_idx').on(t.tenantId),
])

/** Teleform look overrides set on a button; unset ones come from its template. */
export interface TeleformAttributes {
  width?: number
  height?: number
  headerimage?: string
  footerimage?: string
  backgroundcolour?: string
}

/** Web (callback) buttons of a member, each routed to one of its phones. */
export const webButtons = pgTable('web_buttons', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Upper-case GUID (Packetera ButtonGUID). */
  guid: text('guid').notNull(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  /** The phone called first; a phone in use by a button cannot be deleted (checked at statement end). */
  phoneId: integer('phone_id').notNull().references(() => memberPhones.id),
  name: text('name').notNull(),
  isDefault: boolean('is_default').notNull().default(false),
  /** 1 text link, 2 image. */
  type: integer('type').notNull().default(1),
  /** Image URL (type 2), empty when unset. */
  url: text('url').notNull().default(''),
  linkText: text('link_text').notNull().default('Call me'),
  toolTips: text('tool_tips').notNull().default('Click to request a free callback'),
  templateId: integer('template_id').notNull().default(1),
  teleform: jsonb('teleform').$type<TeleformAttributes>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('web_buttons_guid_key').on(t.guid),
  index('web_buttons_customer_idx').on(t.customerId),
  index('web_buttons_phone_idx').on(t.phoneId),
  index('web_buttons_tenant_idx').on(t.tenantId),
])

/**
 * A website visitor's request to be called back (spec/packetera.md §9). Its calls are one
 * transmission (`transmission_id`) of a two-leg `callback` program, dispatched like any other: the
 * request's state is read from that transmission and its first spool (callback-request-state.ts).
 * The button's GUID and phone are captured at creation: a deleted button's requests still run.
 */
export const callbackRequests = pgTable('callback_requests', {
  /** UUID v4, lower case (the public `requestId`). */
  id: text('id').primaryKey(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  buttonGuid: text('button_guid').notNull(),
  memberPhone: text('member_phone').notNull(),
  visitorPhone: text('visitor_phone').notNull(),
  visitorName: text('visitor_name'),
  visitorIp: text('visitor_ip').notNull(),
  userAgent: text('user_agent'),
  /** The transmission of its calls (a plain id: it may be deleted through ICTCore). */
  transmissionId: integer('transmission_id').notNull(),
  /** Still `requested` at this time → failed `expired` (the dispatcher's upkeep). */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('callback_requests_customer_idx').on(t.customerId, t.createdAt),
  index('callback_requests_button_idx').on(t.buttonGuid, t.createdAt),
  index('callback_requests_ip_idx').on(t.visitorIp, t.createdAt),
  index('callback_requests_transmission_idx').on(t.transmissionId),
])
