import { Type } from 'typebox'
import type { FastifyInstance } from 'fastify'
import type { Core } from '../../../core/core.ts'
import { rotateJwtSigningKey } from '../../../core/settings/jwt-signing-key.ts'
import { ErrorBody } from '../schemas.ts'

/** The ICTCore JWT signing key (derived from the secret key; never stored or shown). */
export default async function jwtRoutes(app: FastifyInstance, core: Core) {
  app.post('/jwt/rotate', {
    schema: {
      tags: ['native'], summary: 'Rotate the ICTCore JWT signing key: every token issued before is refused from now on',
      response: { 200: Type.Object({ rotated: Type.Literal(true) }), '4xx': ErrorBody },
    },
  }, async (req) => rotateJwtSigningKey(core, req.nativeActor))
}
