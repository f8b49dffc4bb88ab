import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { revokeResellerKey } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `DELETE /resellers/:id/api-keys/:keyId`: a reseller's API key stops working. */
export const revokeApiKey = routeOperation<Core>({
  wireId: 'DELETE /resellers/:id/api-keys/:keyId',
  methods: ['DELETE'],
  path: '/resellers/:id/api-keys/:keyId',
  summary: 'Revoke an API key',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id, keyId: Id }),
      response: { 204: Type.Null(), '4xx': ErrorBody },
    },
    handler: async (req, reply) => {
      const { id, keyId } = req.params as { id: number; keyId: number }
      await revokeResellerKey(core, req.nativeActor, id, keyId)
      return reply.code(204).send()
    },
  }),
})
