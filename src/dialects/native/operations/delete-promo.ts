import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { deletePromo as run } from '../../../core/catalog/index.ts'

/** `DELETE /promos/:id`: removes a promo. */
export const deletePromo = routeOperation<Core>({
  wireId: 'DELETE /promos/:id',
  methods: ['DELETE'],
  path: '/promos/:id',
  summary: 'Delete a promo',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 204: Type.Null(), '4xx': ErrorBody } },
    handler: async (req, reply) => {
      await run(core, req.nativeActor, (req.params as { id: number }).id)
      return reply.code(204).send()
    },
  }),
})
