import { eq, lt } from 'drizzle-orm'
import type { Core } from '../core.ts'
import { revokedTokens } from './users.table.ts'

/**
 * Revocation of issued login tokens (ICTCore `/authenticate/cancel`). Answers come from the exact
 * read cache, so a revocation counts at once in this process and, through change notices, in others.
 */
export async function revokeToken(core: Core, jti: string, expiresAt: Date): Promise<void> {
  await core.db.insert(revokedTokens).values({ jti, expiresAt }).onConflictDoNothing()
  // Rows are only needed until the token would have expired anyway.
  await core.db.delete(revokedTokens).where(lt(revokedTokens.expiresAt, core.now()))
}

/** Whether a token id has been revoked. */
export async function isTokenRevoked(core: Core, jti: string): Promise<boolean> {
  return core.reads.get(`token-revoked:${jti}`, ['revoked_tokens'], async () => {
    const [row] = await core.db.select({ jti: revokedTokens.jti }).from(revokedTokens).where(eq(revokedTokens.jti, jti)).limit(1)
    return Boolean(row)
  })
}
