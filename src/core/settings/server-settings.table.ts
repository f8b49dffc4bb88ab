import { pgTable, text } from 'drizzle-orm/pg-core'

/** Deployment-wide values shared by every process on the database (the JWT signing secret …). */
export const serverSettings = pgTable('server_settings', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
})
