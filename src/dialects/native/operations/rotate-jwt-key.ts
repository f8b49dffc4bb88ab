import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { rotateJwtSigningKey } from '../../../core/settings/jwt-signing-key.ts'
import { routeOperation } from '../../operation.ts'
import { NO_INPUT } from '../../../http/docs.ts'
import { ErrorBody } from '../schemas.ts'

/** `POST /jwt/rotate`: a new ICTCore JWT signing key (derived from the secret key; never stored or shown). */
export const rotateJwtKey = routeOperation<Core>({
  wireId: 'POST /jwt/rotate',
  methods: ['POST'],
  path: '/jwt/rotate',
  summary: 'Rotate the ICTCore JWT signing key: every token issued before is refused from now on',
  serve: (core) => ({
    schema: {
      body: NO_INPUT,
      response: { 200: Type.Object({ rotated: Type.Literal(true) }), '4xx': ErrorBody },
    },
    handler: async (req) => rotateJwtSigningKey(core, req.nativeActor),
  }),
})
