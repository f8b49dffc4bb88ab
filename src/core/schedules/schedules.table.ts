import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'

export type ScheduleAction = 'transmission_send' | 'campaign_start' | 'campaign_stop'

/**
 * Schedules (spec/ictcore.md §5.14): one-shot (`at`) or cron fields (UTC). `nextFireAt` is the next
 * due time; the dispatcher fires due rows and either removes them (one-shot, transmissions) or
 * advances `nextFireAt` (recurring campaign schedules).
 */
export const schedules = pgTable('schedules', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  action: text('action').$type<ScheduleAction>().notNull(),
  /** The transmission or campaign id. */
  targetId: integer('target_id').notNull(),
  at: timestamp('at', { withTimezone: true }),
  minute: text('minute'),
  hour: text('hour'),
  day: text('day'),
  month: text('month'),
  weekday: text('weekday'),
  year: text('year'),
  nextFireAt: timestamp('next_fire_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('schedules_due_idx').on(t.nextFireAt), index('schedules_target_idx').on(t.action, t.targetId)])
