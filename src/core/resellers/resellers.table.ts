import { sql } from 'drizzle-orm'
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core'

/** Partners (resellers): each is a tenant; API keys authenticate them in every key-based dialect. */
export const resellers = pgTable('resellers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  /** Login name for dialects that send one (Packetera WebUserName); at most 20 characters. */
  username: text('username').notNull(),
  parentId: integer('parent_id').references((): AnyPgColumn => resellers.id),
  enabled: boolean('enabled').notNull().default(true),
  /** Dialects the partner may use; null = all. */
  dialects: text('dialects').array(),
  /** Partner preferences owned by single concepts (Packetera reply defaults, Delacon callback URL, RC sales text …). */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('resellers_username_key').on(sql`lower(${t.username})`)])

/** A reseller's API keys: scrypt hash for verification, SHA-256 digest to find the row. */
export const apiKeys = pgTable('api_keys', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  resellerId: integer('reseller_id').notNull().references(() => resellers.id, { onDelete: 'cascade' }),
  label: text('label'),
  /** SHA-256 hex of the key: a lookup index only (keys are 119-bit random, see docs/decisions.md). */
  digest: text('digest').notNull(),
  hash: text('hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [uniqueIndex('api_keys_digest_key').on(t.digest), index('api_keys_reseller_idx').on(t.resellerId)])
