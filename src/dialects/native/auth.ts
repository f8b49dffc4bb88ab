import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { systemActor, type Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import { Forbidden, Unauthenticated } from '../../core/errors.ts'
import { actorForUser, authenticateUserPassword } from '../../core/users/index.ts'
import { loginAttempt } from '../dialect.ts'

function sameSecret(a: string, b: string): boolean {
  // Compared as digests so neither the length nor the content leaks through timing.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest())
}

/**
 * Who calls the native API (docs/decisions/platform.md): `Bearer <admin token>` (the token of the
 * running server, which `serve` publishes to the local CLI in the PGlite lock file) acts as the
 * system; `Basic <username:password>` of an admin user acts as that admin (cached login): a platform
 * admin across tenants, a reseller's administrator (admin role in its tenant) within that tenant only —
 * core decides per operation (requirePlatformAdmin, requireResellerAdmin).
 */
export async function authenticateNative(core: Core, adminToken: string | undefined, req: FastifyRequest): Promise<Actor> {
  const header = req.headers.authorization ?? ''
  const [scheme, value = ''] = header.split(' ', 2) as [string, string?]
  if (/^bearer$/i.test(scheme)) {
    if (adminToken && value && sameSecret(value, adminToken)) return systemActor
    throw new Unauthenticated()
  }
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon < 1) throw new Unauthenticated()
    const user = await authenticateUserPassword(core, decoded.slice(0, colon), decoded.slice(colon + 1), undefined, loginAttempt(req))
    const actor = await actorForUser(core, user.id)
    if (!actor.isAdmin) throw new Forbidden('admin')
    return actor
  }
  throw new Unauthenticated()
}
