import { sql } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { Invalid } from '../errors.ts'
import { transmissions } from '../transmissions/transmissions.table.ts'
import { queryRows } from '../../db/rows.ts'

// System notifications (docs/decisions/platform.md "Notification emails"): emails the platform
// itself sends in a tenant — Delacon's order summary, ResellerClub's forgot-password — through the
// core's email channel. Each is a transmission like any other (email service, origin
// `notification`), so the dispatcher delivers it with retries, it survives restarts, and it shows
// in the tenant's transmissions; instead of a program, contact and account it carries its own
// recipient, subject and text (`transmissions.notification`). Routing: the tenant's email provider,
// else the platform's (an SMTP gateway when one is configured), else the built-in sandbox, which
// records the send (GET /native/sandbox/sends, content_ref `notification:<transmission id>`).

/** An email the platform sends on its own behalf. */
export interface SystemEmail {
  to: string
  subject: string
  /** Plain text body. */
  text: string
}

/** The service flag of email (spec/ictcore.md §5.12). */
export const EMAIL_SERVICE = 8
/** Attempts a notification gets (the first and two retries, at the dispatcher's retry delay). */
export const NOTIFICATION_TRIES = 3
/**
 * The provider id of the built-in sandbox: a notification with no email provider in its tenant or
 * the platform is recorded by the sandbox gateway instead of being lost.
 */
export const BUILTIN_SANDBOX_PROVIDER_ID = 0

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/
// eslint-disable-next-line no-control-regex -- the rule is precisely "no control characters" (tab and newlines allowed)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

/** The email checked: an address, a one-line subject (≤ 255), a text (≤ 100 000 characters). */
function checked(email: SystemEmail): SystemEmail {
  if (typeof email.to !== 'string' || email.to.length > 254 || !EMAIL.test(email.to)) throw new Invalid('to', 'is not an email address')
  if (typeof email.subject !== 'string' || !email.subject.trim() || email.subject.length > 255 || /[\r\n]/.test(email.subject) || CONTROL.test(email.subject)) {
    throw new Invalid('subject', 'must be one line of 1 to 255 characters')
  }
  if (typeof email.text !== 'string' || email.text.length > 100_000 || CONTROL.test(email.text)) throw new Invalid('text', 'must be text of at most 100000 characters')
  return { to: email.to, subject: email.subject.trim(), text: email.text }
}

/**
 * Queues a system email in tenant `tenantId` (null: the platform) on `core.db` (the caller's
 * transaction, if any: the email goes only if it commits). The dispatcher's planning loop sends it
 * at once. Returns its transmission id.
 */
export async function sendSystemEmail(core: Core, tenantId: number | null, email: SystemEmail): Promise<{ transmissionId: number }> {
  const e = checked(email)
  const now = core.now()
  const [row] = await core.db.insert(transmissions).values({
    tenantId, userId: null, title: e.subject, origin: 'notification', serviceFlag: EMAIL_SERVICE, direction: 'outbound',
    status: 'pending', tryAllowed: NOTIFICATION_TRIES, nextRun: now, notification: e,
  }).returning({ id: transmissions.id })
  return { transmissionId: row!.id }
}

/** A notification's recipient, subject and text (for tests and the operator), or null when it is none. */
export async function notificationOf(core: Core, transmissionId: number): Promise<(SystemEmail & { status: string }) | null> {
  const [r] = await queryRows<{ notification: SystemEmail | null; status: string }>(core.db, sql`select notification, status from transmissions where id = ${transmissionId}`)
  return r?.notification ? { ...r.notification, status: r.status } : null
}
