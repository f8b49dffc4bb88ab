import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { issueResellerKey } from '../../../core/platform/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /resellers/:id/api-keys`: another API key for a reseller. */
export const issueApiKey = routeOperation<Core>({
  wireId: 'POST /resellers/:id/api-keys',
  methods: ['POST'],
  path: '/resellers/:id/api-keys',
  summary: 'Issue another API key for a reseller (shown once)',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      body: Type.Optional(Type.Object({ label: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false })),
      response: { 201: Type.Object({ id: Type.Integer(), apiKey: Type.String() }), '4xx': ErrorBody },
    },
    handler: async (req, reply) => {
      const { id } = req.params as { id: number }
      const body = (req.body ?? {}) as { label?: string }
      return reply.code(201).send(await issueResellerKey(core, req.nativeActor, id, body.label))
    },
  }),
})
