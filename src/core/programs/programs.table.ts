import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { accounts } from '../accounts/accounts.table.ts'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

export type ProgramType =
  | 'sendfax' | 'voicemessage' | 'voicetts' | 'sendsms' | 'sendemail'
  | 'receivefax' | 'faxtoemail' | 'receivesms' | 'receiveemail' | 'emailtofax' | 'forward'
  | 'callback'

/** Type parameters of a program (spec/ictcore.md §5.7), by wire-neutral name. */
export interface ProgramParams {
  documentId?: number
  recordingId?: number
  textId?: number
  text?: string
  templateId?: number
  email?: string
  extensionId?: number
}

/** Programs: what a transmission does (spec/ictcore.md §7.4); `steps` is the compiled step list. */
export const programs = pgTable('programs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  type: text('type').$type<ProgramType>().notNull(),
  parentId: integer('parent_id').references((): AnyPgColumn => programs.id, { onDelete: 'set null' }),
  /** Bitmask: voice 1, fax 2, sms 4, email 8. */
  serviceFlag: integer('service_flag').notNull(),
  direction: text('direction').$type<'outbound' | 'inbound'>().notNull(),
  /** Default account of its transmissions (outbound) / the account it serves (inbound). */
  accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
  params: jsonb('params').$type<ProgramParams>().notNull().default({}),
  steps: jsonb('steps').$type<string[]>().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('programs_tenant_user_idx').on(t.tenantId, t.userId)])

/** Inbound subscriptions: at most one program per account and service. */
export const accountPrograms = pgTable('account_programs', {
  accountId: integer('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  programId: integer('program_id').notNull().references(() => programs.id, { onDelete: 'cascade' }),
  serviceFlag: integer('service_flag').notNull(),
}, (t) => [uniqueIndex('account_programs_service_key').on(t.accountId, t.serviceFlag), index('account_programs_program_idx').on(t.programId)])
