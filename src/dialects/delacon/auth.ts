import type { FastifyReply, FastifyRequest } from 'fastify'
import { resellerActor, type Actor } from '../../core/actor.ts'
import type { Core } from '../../core/core.ts'
import { isDomainError } from '../../core/errors.ts'
import { authenticateApiKey } from '../../core/resellers/index.ts'
import { loginAttempt } from '../dialect.ts'
import { LOGIN_FAILED_MESSAGE, sendEnvelope } from './codec.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The partner whose `Auth` key authenticated the Delacon request. */
    delaconActor: Actor
  }
}

/**
 * The route-level onRequest hook: `Auth: <partner API key>` (spec/delacon.md §2), checked before
 * the body is read or any parameter looked at. Served from the verified-credential cache.
 */
export function delaconAuth(core: Core) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const raw = req.headers.auth
    const key = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? ''
    if (key) {
      try {
        const reseller = await authenticateApiKey(core, 'delacon', key, undefined, loginAttempt(req))
        req.delaconActor = resellerActor(reseller.id)
        return
      } catch (e) {
        // Anything but a refused credential (a database failure) is a 500, not a login failure.
        if (!isDomainError(e) || (e.kind !== 'unauthenticated' && e.kind !== 'forbidden')) throw e
      }
    }
    await sendEnvelope(reply, { RESULT: 'LOGIN_FAILED', MESSAGE: LOGIN_FAILED_MESSAGE })
  }
}
