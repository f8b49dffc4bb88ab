import { createHash, randomBytes } from 'node:crypto'
import { and, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { meetsPasswordPolicy } from '../customers/customer-rules.ts'
import { findCustomerByLogin } from '../customers/customers.ts'
import { Invalid, NotFound } from '../errors.ts'
import { setUserPassword } from '../users/users.ts'
import { passwordResets } from './password-resets.table.ts'

/** How long a reset link works (project decision, docs/decisions/resellerclub.md). */
export const RESET_TTL_SECONDS = 3600

const digestOf = (token: string) => createHash('sha256').update(token).digest('hex')

/** What the reset email needs: where to send it, whom to greet, and the link's token (shown only there). */
export interface PasswordResetRequest {
  customerId: number
  tenantId: number
  email: string
  name: string
  token: string
  expiresAt: Date
}

/**
 * Starts a password reset for the customer whose login is `login` (its email, case-insensitive) in
 * the actor's tenant: a single-use token valid for RESET_TTL_SECONDS. The password is unchanged
 * until the token is used. Unknown → NotFound('Customer', login).
 */
export async function requestPasswordReset(core: Core, actor: Actor, login: string): Promise<PasswordResetRequest> {
  const { customer, user } = await findCustomerByLogin(core, actor, login)
  const token = randomBytes(24).toString('base64url')
  const now = core.now()
  const expiresAt = new Date(now.getTime() + RESET_TTL_SECONDS * 1000)
  await core.db.insert(passwordResets).values({
    tenantId: customer.tenantId, customerId: customer.id, userId: user.id, digest: digestOf(token), expiresAt, createdAt: now,
  })
  return { customerId: customer.id, tenantId: customer.tenantId, email: user.email ?? user.username, name: customer.name, token, expiresAt }
}

/** Whether a reset token can still be used (the page asks before showing its form). */
export async function passwordResetUsable(core: Core, token: string): Promise<boolean> {
  if (!token || token.length > 100) return false
  const [row] = await core.db.select({ id: passwordResets.id }).from(passwordResets)
    .where(and(eq(passwordResets.digest, digestOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, core.now())))
  return row !== undefined
}

/**
 * Uses a reset token: sets the customer's password (signup's password policy) and spends the token,
 * atomically, so a second use fails. Unknown, used or expired → NotFound('Reset link').
 */
export async function completePasswordReset(core: Core, token: string, password: string): Promise<void> {
  if (!meetsPasswordPolicy(password)) throw new Invalid('password', 'must be 8-16 printable ASCII characters with at least one letter and one digit')
  if (!token || token.length > 100) throw new NotFound('Reset link')
  const now = core.now()
  const [spent] = await core.db.update(passwordResets).set({ usedAt: now })
    .where(and(eq(passwordResets.digest, digestOf(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .returning({ userId: passwordResets.userId })
  if (!spent) throw new NotFound('Reset link')
  await setUserPassword(core, spent.userId, password)
}

/** Drops reset records expired a day ago or more (dispatcher upkeep). */
export async function prunePasswordResets(core: Core): Promise<void> {
  await core.db.delete(passwordResets).where(lt(passwordResets.expiresAt, new Date(core.now().getTime() - 86_400_000)))
}
