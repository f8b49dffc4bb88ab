import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { accounts } from '../accounts/accounts.table.ts'
import { customers } from '../customers/customers.table.ts'
import { resellers } from '../resellers/resellers.table.ts'

// The service catalogue of a reseller and what its customers' accounts hold of it (Porta's products,
// add-ons, subscriptions, service features, PBX extensions, hunt groups and devices; spec/porta.md §10).
// Every row carries its tenant; products may belong to a sub-reseller customer of the tenant.

/** A named group of products (`IProductGroup`). */
export const productGroups = pgTable('product_groups', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('product_groups_tenant_idx').on(t.tenantId)])

/** A recurring-charge plan that products bundle (`i_subscription`). */
export const subscriptionPlans = pgTable('subscription_plans', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  fee: numeric('fee', { precision: 14, scale: 5 }).notNull().default('0'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('subscription_plans_tenant_idx').on(t.tenantId)])

/** A product, main or add-on (`IProduct`). `ownerCustomerId` = the sub-reseller owning it, null = the partner. */
export const products = pgTable('products', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  ownerCustomerId: integer('owner_customer_id').references(() => customers.id, { onDelete: 'cascade' }),
  kind: text('kind').$type<'main' | 'addon'>().notNull(),
  name: text('name').notNull(),
  description: text('description'),
  endUserName: text('end_user_name'),
  groupId: integer('group_id').references(() => productGroups.id, { onDelete: 'set null' }),
  /** Add-on precedence: a higher one overrides a lower one. 0 for main products. */
  addonPriority: integer('addon_priority').notNull().default(0),
  /** Recurring (maintenance) fee. */
  fee: numeric('fee', { precision: 14, scale: 5 }).notNull().default('0'),
  /** ISO 4217, upper case. */
  currency: text('currency').notNull(),
  subscriptionId: integer('subscription_id').references(() => subscriptionPlans.id, { onDelete: 'set null' }),
  /** A customer-specific copy of another product. */
  clonedFromId: integer('cloned_from_id').references((): AnyPgColumn => products.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('products_tenant_idx').on(t.tenantId, t.id)])

/** The add-ons a main product allows. */
export const productAddonRules = pgTable('product_addon_rules', {
  mainProductId: integer('main_product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  addonProductId: integer('addon_product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.mainProductId, t.addonProductId] })])

/** What an account holds of the catalogue: its main product, kind, billing, PBX extension and usage. */
export const accountServices = pgTable('account_services', {
  accountId: integer('account_id').primaryKey().references(() => accounts.id, { onDelete: 'cascade' }),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  productId: integer('product_id').references(() => products.id, { onDelete: 'set null' }),
  /** Overrides the kind the account's own type gives (SIP, DID). */
  kind: text('kind').$type<'alias' | 'voucher'>(),
  masterAccountId: integer('master_account_id').references((): AnyPgColumn => accounts.id, { onDelete: 'cascade' }),
  billingModel: text('billing_model').$type<'prepaid' | 'postpaid' | 'voucher' | 'alias' | 'beneficiary'>(),
  currency: text('currency'),
  balance: numeric('balance', { precision: 14, scale: 5 }).notNull().default('0'),
  creditLimit: numeric('credit_limit', { precision: 14, scale: 5 }).notNull().default('0'),
  displayName: text('display_name'),
  /** Contact fields beyond the account's own (salutation, company, address lines, city, …). */
  contact: jsonb('contact').$type<Record<string, string>>().notNull().default({}),
  extensionNumber: text('extension_number'),
  extensionName: text('extension_name'),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  firstUsageAt: timestamp('first_usage_at', { withTimezone: true }),
  lastUsageAt: timestamp('last_usage_at', { withTimezone: true }),
  inactivityExpireDays: integer('inactivity_expire_days').notNull().default(0),
  subscriptionId: integer('subscription_id').references(() => subscriptionPlans.id, { onDelete: 'set null' }),
  subscriptionFrom: timestamp('subscription_from', { withTimezone: true }),
  subscriptionTo: timestamp('subscription_to', { withTimezone: true }),
}, (t) => [
  index('account_services_product_idx').on(t.productId),
  index('account_services_master_idx').on(t.masterAccountId),
  // REPORT's activation window (service-accounts.ts `activatedIn`).
  index('account_services_tenant_activated_idx').on(t.tenantId, t.activatedAt),
])

/** A provisioned phone (`i_ua`) of an account; `modelId` is its model (`i_ua_type`). */
export const devices = pgTable('devices', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  modelId: integer('model_id').notNull(),
  mac: text('mac'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('devices_account_key').on(t.accountId)])

/** An add-on product attached to an account for a period (`IAccountProductAddOn`). */
export const accountAddons = pgTable('account_addons', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  addonProductId: integer('addon_product_id').notNull().references(() => products.id, { onDelete: 'cascade' }),
  effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
  /** Null = open-ended. */
  effectiveTo: timestamp('effective_to', { withTimezone: true }),
}, (t) => [index('account_addons_account_idx').on(t.accountId, t.id)])

/**
 * A service feature set on a product or on an account (exactly one of the two), with attributes
 * (name → values). Effective values: account over add-ons (higher priority first) over main product.
 */
export const serviceFeatures = pgTable('service_features', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  productId: integer('product_id').references(() => products.id, { onDelete: 'cascade' }),
  accountId: integer('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull(),
  attributes: jsonb('attributes').$type<Record<string, string[]>>().notNull().default({}),
}, (t) => [
  uniqueIndex('service_features_subject_key').on(sql`coalesce(${t.productId}, 0)`, sql`coalesce(${t.accountId}, 0)`, t.name),
  // The reads go by account or by product (the key above is on expressions and serves neither).
  index('service_features_account_idx').on(t.accountId, t.name).where(sql`${t.accountId} is not null`),
  index('service_features_product_idx').on(t.productId, t.name).where(sql`${t.productId} is not null`),
])

/** A customer's hunt group (`i_c_group`). */
export const huntGroups = pgTable('hunt_groups', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  number: text('number').notNull(),
  sequence: text('sequence').$type<'Order' | 'Simultaneous' | 'Random' | 'Least Used'>().notNull().default('Order'),
  keepOriginalCli: boolean('keep_original_cli').notNull().default(false),
  active: boolean('active').notNull().default(true),
  pickupAllowed: boolean('pickup_allowed').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('hunt_groups_customer_idx').on(t.customerId)])

/** An account (by its extension) in a hunt group (`i_cg_ext`). */
export const huntGroupMembers = pgTable('hunt_group_members', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  groupId: integer('group_id').notNull().references(() => huntGroups.id, { onDelete: 'cascade' }),
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  huntOrder: integer('hunt_order').notNull(),
  delaySeconds: integer('delay_seconds').notNull().default(0),
  timeoutSeconds: integer('timeout_seconds').notNull().default(30),
  active: boolean('active').notNull().default(true),
  huntstop: boolean('huntstop').notNull().default(false),
  primaryGroup: boolean('primary_group').notNull().default(false),
}, (t) => [index('hunt_group_members_account_idx').on(t.accountId), uniqueIndex('hunt_group_members_key').on(t.groupId, t.accountId)])
