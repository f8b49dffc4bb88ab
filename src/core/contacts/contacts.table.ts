import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

/** People to reach (ICTCore Contact); owned by the user who created them. */
export const contacts = pgTable('contacts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  firstName: text('first_name'),
  lastName: text('last_name'),
  /** Normalised: `^\+?[0-9]{3,20}$`. */
  phone: text('phone'),
  email: text('email'),
  address: text('address'),
  custom1: text('custom1'),
  custom2: text('custom2'),
  custom3: text('custom3'),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('contacts_tenant_user_idx').on(t.tenantId, t.userId), index('contacts_phone_idx').on(t.phone)])

/** Contact groups (ICTCore Group). `contactTotal` is kept in step with `group_contacts` in the same transaction. */
export const contactGroups = pgTable('contact_groups', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  contactTotal: integer('contact_total').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('contact_groups_tenant_user_idx').on(t.tenantId, t.userId)])

export const groupContacts = pgTable('group_contacts', {
  groupId: integer('group_id').notNull().references(() => contactGroups.id, { onDelete: 'cascade' }),
  contactId: integer('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.groupId, t.contactId] }), index('group_contacts_contact_idx').on(t.contactId)])

/** The last CSV import of a group (spec/ictcore.md §8 CsvImportReport). */
export const groupCsvImports = pgTable('group_csv_imports', {
  groupId: integer('group_id').primaryKey().references(() => contactGroups.id, { onDelete: 'cascade' }),
  recordTotal: integer('record_total').notNull(),
  contactCreated: integer('contact_created').notNull(),
  errorTotal: integer('error_total').notNull(),
  /** First 1000 errors: `{line, reason, data}`. */
  errors: jsonb('errors').$type<{ line: number; reason: string; data: string }[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
