import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { resellers } from '../resellers/resellers.table.ts'
import { users } from '../users/users.table.ts'

/** Derived from the message's `message_media` rows, kept in step by every upload and replace. */
const mediaSummary = () => ({
  /** Extension of the first part (null when none is uploaded). */
  mediaType: text('media_type'),
  parts: integer('parts').notNull().default(0),
  /** Total bytes of every part. */
  size: integer('size').notNull().default(0),
})

const owned = () => ({
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Fax documents; their files are `message_media` rows of kind `document`. */
export const documents = pgTable('documents', { ...owned(), ...mediaSummary() }, (t) => [index('documents_tenant_user_idx').on(t.tenantId, t.userId)])

/** Voice recordings (one file). */
export const recordings = pgTable('recordings', { ...owned(), ...mediaSummary() }, (t) => [index('recordings_tenant_user_idx').on(t.tenantId, t.userId)])

/** Email templates; an optional attachment is a `message_media` row of kind `template`. */
export const templates = pgTable('templates', {
  ...owned(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  bodyAlt: text('body_alt'),
  ...mediaSummary(),
}, (t) => [index('templates_tenant_user_idx').on(t.tenantId, t.userId)])

/** SMS / TTS texts. */
export const texts = pgTable('texts', {
  ...owned(),
  data: text('data').notNull(),
  type: text('type').$type<'plain' | 'unicode' | 'binary'>().notNull(),
}, (t) => [index('texts_tenant_user_idx').on(t.tenantId, t.userId)])

/**
 * Stored files of messages, in upload order. The bytes live in the media directory under the
 * canonical name `<kind>/<messageId>/<part>.<ext>`; `path` is relative to that directory.
 */
export const messageMedia = pgTable('message_media', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind').$type<'document' | 'recording' | 'template'>().notNull(),
  messageId: integer('message_id').notNull(),
  part: integer('part').notNull(),
  mime: text('mime').notNull(),
  ext: text('ext').notNull(),
  size: integer('size').notNull(),
  path: text('path').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('message_media_part_key').on(t.kind, t.messageId, t.part)])
