import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Failed logins, per credential (a login name, a reseller id or name) and per client address
 * (issue 13 finding 3). Keyed by a keyed digest (HMAC under a key derived from the secret key), so
 * the table names no login and no address, and never holds a secret. One row while failures are
 * remembered; a successful login of the credential deletes its row. Shared by every process.
 */
export const loginFailures = pgTable('login_failures', {
  /** base64url HMAC-SHA256 of `<scope>\0<identifier>`. */
  key: text('key').primaryKey(),
  scope: text('scope').$type<'credential' | 'address'>().notNull(),
  /** Failures counted: since the first remembered one (credential), within the window (address). */
  failures: integer('failures').notNull(),
  /** The address's fixed one-minute window; the first remembered failure of a credential. */
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  /** Until when every login of this credential (or from this address) is refused. */
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
}, (t) => [index('login_failures_last_failure_idx').on(t.lastFailureAt)])

/**
 * Requests per client address in the current fixed window (the per-address request limit of
 * @fastify/rate-limit, through a store on this table: src/http/address-limit.ts). One row per address.
 */
export const addressRequests = pgTable('address_requests', {
  /** base64url HMAC-SHA256 of `address\0<address>`. */
  key: text('key').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  requests: integer('requests').notNull(),
}, (t) => [index('address_requests_window_idx').on(t.windowStart)])
