import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'

export type CallbackState = 'queued' | 'sending' | 'accepted' | 'failed'
export type CallbackOutcome = 'accepted' | 'rejected' | 'error'

/**
 * Partner callbacks: HTTP POSTs the core owes a partner (Delacon's post-provisioning callback,
 * spec/delacon.md §9), a delivery of its own kind in the dispatcher's queue: claimed with FOR UPDATE
 * SKIP LOCKED under a lease, retried at the configured delays, reaped when a worker dies. Once
 * `accepted` it is never sent again.
 */
export const partnerCallbacks = pgTable('partner_callbacks', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  /** What it reports (`delacon.order`) and about which row (the order id). */
  topic: text('topic').notNull(),
  subjectId: integer('subject_id').notNull(),
  url: text('url').notNull(),
  body: text('body').notNull(),
  contentType: text('content_type').notNull(),
  status: text('status').$type<CallbackState>().notNull().default('queued'),
  /** A re-send after all attempts failed starts a new round of attempts 1–3. */
  round: integer('round').notNull().default(1),
  /** Attempts made in this round. */
  attempts: integer('attempts').notNull().default(0),
  maxAttempts: integer('max_attempts').notNull().default(3),
  /** Seconds before each further attempt (the partner's setting when the callback was made). */
  retryDelaysSeconds: jsonb('retry_delays_seconds').$type<number[]>().notNull(),
  /** When a `queued` callback is due. */
  dueAt: timestamp('due_at', { withTimezone: true }),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  claimedBy: text('claimed_by'),
  /** Times it was handed to the sender (a re-send after a crash counts here, not as an attempt). */
  sends: integer('sends').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
}, (t) => [
  index('partner_callbacks_due_idx').on(t.dueAt, t.id).where(sql`${t.status} = 'queued'`),
  index('partner_callbacks_sending_idx').on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
  index('partner_callbacks_subject_idx').on(t.topic, t.subjectId),
  index('partner_callbacks_tenant_idx').on(t.tenantId, t.status),
])

/** Every attempt of a callback (spec/delacon.md §9 "Every attempt is recorded"). */
export const partnerCallbackAttempts = pgTable('partner_callback_attempts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  callbackId: integer('callback_id').notNull().references(() => partnerCallbacks.id, { onDelete: 'cascade' }),
  round: integer('round').notNull(),
  /** 1–3 within the round. */
  attempt: integer('attempt').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  url: text('url').notNull(),
  /** The HTTP status, when an answer came. */
  httpStatus: integer('http_status'),
  /** The first 2048 bytes of the reply body (as UTF-8 text). */
  reply: text('reply'),
  outcome: text('outcome').$type<CallbackOutcome>().notNull(),
  error: text('error'),
}, (t) => [index('partner_callback_attempts_callback_idx').on(t.callbackId, t.id)])
