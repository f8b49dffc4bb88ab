import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Every send the sandbox gateway receives, repeats included (spec/ictcore.md §5.12); the gateway writes it through the dispatcher. */
export const sandboxSends = pgTable('sandbox_sends', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id'),
  providerId: integer('provider_id').notNull(),
  spoolId: integer('spool_id').notNull(),
  transmissionId: integer('transmission_id').notNull(),
  serviceFlag: integer('service_flag').notNull(),
  destination: text('destination').notNull(),
  /** What would have been sent: `document:12`, `text:3`, `template:4`, `recording:5`, `tts`. */
  contentRef: text('content_ref'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('sandbox_sends_spool_idx').on(t.spoolId), index('sandbox_sends_transmission_idx').on(t.transmissionId)])
