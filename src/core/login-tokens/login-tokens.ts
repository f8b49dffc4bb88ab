import { and, eq, gte, isNull, lt } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import type { Actor } from '../actor.ts'
import type { Core } from '../core.ts'
import { Forbidden, Locked, NotFound } from '../errors.ts'
import { tenantScope } from '../kernel/tenancy.ts'
import { getCustomer } from '../customers/customers.ts'
import { loginTokens } from './login-tokens.table.ts'

export type LoginTokenKind = 'token' | 'login'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * Issues a single-use login token (UUID v4, lower case) for a customer of the actor's tenant.
 * A suspended customer gets none: Locked('customer suspended').
 */
export async function issueLoginToken(
  core: Core, actor: Actor, input: { customerId: number; kind: LoginTokenKind; ip: string | null },
): Promise<string> {
  const customer = await getCustomer(core, actor, input.customerId)
  if (customer.status !== 'active') throw new Locked('customer suspended')
  const token = randomUUID()
  await core.db.insert(loginTokens).values({
    token, tenantId: customer.tenantId, customerId: customer.id, kind: input.kind, ip: input.ip, issuedAt: core.now(),
  })
  return token
}

/**
 * Redeems a token of the actor's tenant issued at most `ttlSeconds` ago, consuming it atomically
 * (one conditional UPDATE … RETURNING, so two concurrent redemptions cannot both succeed).
 * Unknown, malformed, consumed or another tenant's → NotFound('Token'); unconsumed but too old →
 * Locked('token expired'). A failed redemption consumes nothing.
 */
export async function redeemLoginToken(core: Core, actor: Actor, token: string, ttlSeconds: number): Promise<{ customerId: number; kind: LoginTokenKind }> {
  if (actor.tenantId === null && !actor.crossTenant) throw new Forbidden('login_token')
  if (!UUID.test(token)) throw new NotFound('Token')
  const now = core.now()
  const notBefore = new Date(now.getTime() - ttlSeconds * 1000)
  const mine = and(eq(loginTokens.token, token), tenantScope(actor, loginTokens.tenantId))
  const [row] = await core.db.update(loginTokens).set({ consumedAt: now })
    .where(and(mine, isNull(loginTokens.consumedAt), gte(loginTokens.issuedAt, notBefore)))
    .returning({ customerId: loginTokens.customerId, kind: loginTokens.kind })
  if (row) return row
  const [stale] = await core.db.select({ issuedAt: loginTokens.issuedAt }).from(loginTokens)
    .where(and(mine, isNull(loginTokens.consumedAt)))
  if (stale && stale.issuedAt < notBefore) throw new Locked('token expired')
  throw new NotFound('Token')
}

/** Deletes token records issued before `before` (keep at least 24 h so expiry stays reportable). */
export async function purgeLoginTokens(core: Core, before: Date): Promise<number> {
  const gone = await core.db.delete(loginTokens).where(lt(loginTokens.issuedAt, before)).returning({ token: loginTokens.token })
  return gone.length
}
