import { Type } from 'typebox'
import type { Actor } from '../../core/actor.ts'
import { MAX_ID } from '../../core/kernel/ids.ts'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller of a native route (set by the scope's auth hook). */
    nativeActor: Actor
  }
}

/** `{error, field?}`: every native failure. */
export const ErrorBody = Type.Object({ error: Type.String(), field: Type.Optional(Type.String()) })

/** A row id in a path or body. */
export const Id = Type.Integer({ minimum: 1, maximum: MAX_ID })
