import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

export type CampaignStatus = 'new' | 'running' | 'paused' | 'completed'

/** Campaigns: a program sent to a group, paced at `cpm` (spec/ictcore.md §5.9, §7.3). */
export const campaigns = pgTable('campaigns', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  programId: integer('program_id').notNull(),
  groupId: integer('group_id').notNull(),
  accountId: integer('account_id'),
  /** Transmissions started per minute; 0 = unpaced (internal, e.g. benchmarks). */
  cpm: integer('cpm').notNull().default(2),
  tryAllowed: integer('try_allowed').notNull().default(1),
  status: text('status').$type<CampaignStatus>().notNull().default('new'),
  contactTotal: integer('contact_total').notNull().default(0),
  contactDone: integer('contact_done').notNull().default(0),
  lastRun: timestamp('last_run', { withTimezone: true }),
  /** Pacing: the earliest time the next transmission may start; advanced under a row lock. */
  nextSlotAt: timestamp('next_slot_at', { withTimezone: true }),
  /** Preparation cursor: transmissions exist for group contacts with id ≤ this (streamed in batches). */
  preparedUpTo: integer('prepared_up_to'),
  /** Preparation bound fixed at the first start: group contacts with id ≤ this get a transmission. */
  prepareLimit: integer('prepare_limit'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('campaigns_tenant_user_idx').on(t.tenantId, t.userId), index('campaigns_status_idx').on(t.status)])
