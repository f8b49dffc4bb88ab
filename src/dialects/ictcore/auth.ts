import type { FastifyRequest } from 'fastify'
import type { Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import { Unauthenticated } from '../../core/errors.ts'
import { jwtSigningKey } from '../../core/settings/jwt-signing-key.ts'
import { actorForUser, authenticateUserPassword, issuedBeforeSessionsEnded, isTokenRevoked, revokeToken, type User } from '../../core/users/index.ts'
import type { LoginAttempt } from '../../core/login-limits/index.ts'
import { loginAttempt } from '../dialect.ts'
import { signToken, verifyToken, VerifiedTokens, type IctcoreClaims } from './jwt.ts'

/** The credentials header: `Authorization`, or `Authentication` as the guide spells it (§2.3). */
function credentialsHeader(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization ?? req.headers.authentication
  return typeof h === 'string' ? h.trim() : undefined
}

function bearerToken(req: FastifyRequest): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(credentialsHeader(req) ?? '')
  return m?.[1]
}

const nowSeconds = (core: Core) => Math.floor(core.now().getTime() / 1000)

// Verified tokens per signing key (a rotation starts afresh; tests run many cores in one process).
const verifiedTokens = new WeakMap<Buffer, VerifiedTokens>()

async function tokensOf(core: Core): Promise<VerifiedTokens> {
  const key = await jwtSigningKey(core)
  let tokens = verifiedTokens.get(key)
  if (!tokens) verifiedTokens.set(key, (tokens = new VerifiedTokens(key)))
  return tokens
}

/**
 * Verifies a Bearer token: signature (remembered per token), expiry, not revoked (asked every
 * time, from the exact read cache); the user must exist and be active.
 */
async function actorFromToken(core: Core, token: string): Promise<Actor> {
  const claims = (await tokensOf(core)).verify(token, nowSeconds(core))
  if (!claims || (await isTokenRevoked(core, claims.jti))) throw new Unauthenticated()
  const actor = await actorForUser(core, claims.user_id)
  // Issued before the user's password, roles or grants changed or it was disabled: refused.
  if (issuedBeforeSessionsEnded(actor.user, claims.iat)) throw new Unauthenticated()
  return actor
}

/**
 * The actor of a request from its Bearer or Basic credentials (§2.3); anything missing or wrong
 * is Unauthenticated. Bearer is a signature check plus two cache hits when warm; Basic goes
 * through the cached password check.
 */
export async function authenticateRequest(core: Core, req: FastifyRequest): Promise<Actor> {
  const header = credentialsHeader(req)
  if (!header) throw new Unauthenticated()
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)
  if (bearer) return actorFromToken(core, bearer[1]!)
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header)
  if (!basic) throw new Unauthenticated()
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new Unauthenticated()
  const user = await authenticateUserPassword(core, decoded.slice(0, colon), decoded.slice(colon + 1), undefined, loginAttempt(req))
  return actorForUser(core, user.id)
}

/** Checks a login (identifier + password) and issues a token for it (§2.1). */
export async function login(core: Core, identifier: string, password: string, issuer: string, ttlSeconds: number, attempt: LoginAttempt):
Promise<{ user: User; isAdmin: boolean; token: string; claims: IctcoreClaims }> {
  const found = await authenticateUserPassword(core, identifier, password, undefined, attempt)
  const actor = await actorForUser(core, found.id)
  const iat = nowSeconds(core)
  const { token, claims } = signToken(await jwtSigningKey(core), {
    iss: issuer, iat, nbf: iat, exp: iat + ttlSeconds, user_id: actor.user.id, username: actor.user.username,
    is_admin: actor.isAdmin ? 1 : 0, 'api-version': '1.0',
  })
  return { user: actor.user, isAdmin: actor.isAdmin, token, claims }
}

/** Revokes the request's Bearer token when it carries a valid one (§2.2); otherwise nothing. */
export async function cancelLogin(core: Core, req: FastifyRequest): Promise<void> {
  const token = bearerToken(req)
  if (!token) return
  const claims = verifyToken(await jwtSigningKey(core), token, nowSeconds(core))
  if (claims) await revokeToken(core, claims.jti, new Date(claims.exp * 1000))
}
