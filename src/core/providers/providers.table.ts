import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { resellers } from '../resellers/resellers.table.ts'

export type ProviderType = 'sip' | 'smpp' | 'http' | 'smtp' | 'sendmail' | 'sandbox'

/** Trunk / termination providers: the gateways the dispatcher routes through (spec/ictcore.md §5.12). */
export const providers = pgTable('providers', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  tenantId: integer('tenant_id').references(() => resellers.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  type: text('type').$type<ProviderType>().notNull(),
  gatewayFlag: integer('gateway_flag').notNull(),
  serviceFlag: integer('service_flag').notNull(),
  nodeId: integer('node_id').notNull().default(1),
  host: text('host'),
  port: integer('port'),
  username: text('username'),
  /** Gateway credentials are handed to the peer, so they are encrypted, not hashed. */
  passwordEnc: text('password_enc'),
  dialstring: text('dialstring'),
  /** Free text; for `sandbox` the JSON outcome script. */
  settings: text('settings'),
  description: text('description'),
  prefix: text('prefix'),
  register: boolean('register').notNull().default(false),
  weight: integer('weight').notNull().default(0),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('providers_tenant_name_key').on(sql`coalesce(${t.tenantId}, 0)`, t.name)])
