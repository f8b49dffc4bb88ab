import { eq, lt } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { revokedTokens } from './users.table.ts'

/**
 * Revocation of issued login tokens (ICTCore `/authenticate/cancel`). "Not revoked" answers are
 * cached per token id for the credential-cache TTL; a revocation drops the entry in this process
 * at once (other processes: within the TTL).
 */
export async function revokeToken(core: Core, jti: string, expiresAt: Date): Promise<void> {
  await core.db.insert(revokedTokens).values({ jti, expiresAt }).onConflictDoNothing()
  core.credentials.drop(`token:${jti}`)
  // Rows are only needed until the token would have expired anyway.
  await core.db.delete(revokedTokens).where(lt(revokedTokens.expiresAt, core.now()))
}

/** Whether a token id has been revoked (cached while it has not). */
export async function isTokenRevoked(core: Core, jti: string): Promise<boolean> {
  const key = ['token-live', jti]
  if (core.credentials.get(key)) return false
  const [row] = await core.db.select({ jti: revokedTokens.jti }).from(revokedTokens).where(eq(revokedTokens.jti, jti)).limit(1)
  if (row) return true
  core.credentials.set(key, `token:${jti}`, true)
  return false
}
