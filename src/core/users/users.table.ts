import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'
import { customers } from '../customers/customers.table.ts'

/** Login identities. `tenantId` null = the platform tenant. */
export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  /** Set when the user is a customer's primary login (ResellerClub, Packetera). */
  customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
  username: text('username').notNull(),
  email: text('email'),
  passwordHash: text('password_hash').notNull(),
  firstName: text('first_name'),
  lastName: text('last_name'),
  phone: text('phone'),
  address: text('address'),
  company: text('company'),
  countryId: integer('country_id'),
  timezoneId: integer('timezone_id'),
  languageId: integer('language_id'),
  active: boolean('active').notNull().default(true),
  /** Bumped on every password change: drops cached verifications. */
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  /** Login tokens issued before this are refused: set when the password, the roles or grants change or the user is disabled. */
  tokensValidFrom: timestamp('tokens_valid_from', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('users_tenant_username_key').on(sql`coalesce(${t.tenantId}, 0)`, sql`lower(${t.username})`),
  uniqueIndex('users_tenant_email_key').on(sql`coalesce(${t.tenantId}, 0)`, sql`lower(${t.email})`),
  // (customer, id): a customer's primary login (its first user) is one index probe.
  index('users_customer_idx').on(t.customerId, t.id),
])

/** Roles: built-in ones (admin, user) have no tenant; others belong to the tenant that made them. */
export const roles = pgTable('roles', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  builtin: boolean('builtin').notNull().default(false),
}, (t) => [uniqueIndex('roles_tenant_name_key').on(sql`coalesce(${t.tenantId}, 0)`, t.name)])

/** Permission names (`contact`, `contact_create` …); seeded ones have no tenant. */
export const permissions = pgTable('permissions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
}, (t) => [uniqueIndex('permissions_tenant_name_key').on(sql`coalesce(${t.tenantId}, 0)`, t.name)])

export const rolePermissions = pgTable('role_permissions', {
  roleId: integer('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
  permissionId: integer('permission_id').notNull().references(() => permissions.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.roleId, t.permissionId] })])

export const userRoles = pgTable('user_roles', {
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  roleId: integer('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.userId, t.roleId] })])

export const userPermissions = pgTable('user_permissions', {
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  permissionId: integer('permission_id').notNull().references(() => permissions.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.userId, t.permissionId] })])

/** Revoked JWTs (ICTCore `/authenticate/cancel`), kept until they would have expired. */
export const revokedTokens = pgTable('revoked_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
})
