import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

export type TransmissionStatus = 'pending' | 'processing' | 'completed' | 'failed' | 'invalid'
export type SpoolStatus = 'queued' | 'started' | 'connected' | 'completed' | 'failed'

/**
 * One delivery job: a program run for a contact (spec/ictcore.md §5.8, §7.1). Contact, account,
 * program and campaign are kept as plain ids: they outlive deletions of what they point at.
 */
export const transmissions = pgTable('transmissions', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  title: text('title'),
  origin: text('origin'),
  contactId: integer('contact_id'),
  accountId: integer('account_id'),
  programId: integer('program_id'),
  serviceFlag: integer('service_flag').notNull(),
  direction: text('direction').$type<'outbound' | 'inbound'>().notNull().default('outbound'),
  status: text('status').$type<TransmissionStatus>().notNull().default('pending'),
  response: text('response'),
  tryAllowed: integer('try_allowed').notNull().default(1),
  tryDone: integer('try_done').notNull().default(0),
  lastRun: timestamp('last_run', { withTimezone: true }),
  /** Due time of an automatic send (retry or schedule); null = none. */
  nextRun: timestamp('next_run', { withTimezone: true }),
  campaignId: integer('campaign_id'),
  /** A system notification (core/notifications): its own recipient and text, no program, contact or account. */
  notification: jsonb('notification').$type<{ to: string; subject: string; text: string }>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('transmissions_tenant_user_idx').on(t.tenantId, t.userId),
  // Standalone due sends: pending with next_run ≤ now.
  index('transmissions_due_idx').on(t.nextRun).where(sql`${t.status} = 'pending' and ${t.campaignId} is null`),
  // A running campaign's next pending transmissions, in id order.
  index('transmissions_campaign_idx').on(t.campaignId, t.status, t.id),
  index('transmissions_contact_idx').on(t.contactId),
  // One transmission per contact and campaign, whatever crashes or concurrent preparers do.
  uniqueIndex('transmissions_campaign_contact_key').on(t.campaignId, t.contactId).where(sql`${t.campaignId} is not null`),
])

/** Attempts of a transmission; the dispatcher's queue (claimed with FOR UPDATE SKIP LOCKED). */
export const spools = pgTable('spools', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  transmissionId: integer('transmission_id').notNull().references(() => transmissions.id, { onDelete: 'cascade' }),
  status: text('status').$type<SpoolStatus>().notNull().default('queued'),
  response: text('response'),
  timeSpool: timestamp('time_spool', { withTimezone: true }).notNull().defaultNow(),
  timeStart: timestamp('time_start', { withTimezone: true }),
  timeConnect: timestamp('time_connect', { withTimezone: true }),
  timeEnd: timestamp('time_end', { withTimezone: true }),
  serviceFlag: integer('service_flag').notNull(),
  providerId: integer('provider_id'),
  accountId: integer('account_id'),
  /** Claim lease: a worker owns a `started` spool until this time; the reaper requeues expired ones. */
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  claimedBy: text('claimed_by'),
  /** Times this spool was handed to a gateway (a re-send after a crash is counted here). */
  sends: integer('sends').notNull().default(0),
  /** Last gateway event, for the watchdog. */
  lastEventAt: timestamp('last_event_at', { withTimezone: true }),
}, (t) => [
  index('spools_transmission_idx').on(t.transmissionId),
  index('spools_queued_idx').on(t.id).where(sql`${t.status} = 'queued'`),
  index('spools_active_idx').on(t.leaseUntil).where(sql`${t.status} in ('started', 'connected')`),
])

/** Results per step of a spool (spec/ictcore.md §5.11, §7.5). */
export const spoolResults = pgTable('spool_results', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  spoolId: integer('spool_id').notNull().references(() => spools.id, { onDelete: 'cascade' }),
  type: text('type').$type<'application' | 'contact' | 'message' | 'info' | 'error'>().notNull(),
  name: text('name').notNull(),
  data: text('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('spool_results_spool_idx').on(t.spoolId)])
