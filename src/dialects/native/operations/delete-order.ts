import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { deleteOrder as remove } from '../../../core/orders/index.ts'

/** `DELETE /orders/:id`: cancels (removes) an order. */
export const deleteOrder = routeOperation<Core>({
  wireId: 'DELETE /orders/:id',
  methods: ['DELETE'],
  path: '/orders/:id',
  summary: 'Cancel an order (removes it)',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 204: Type.Null(), '4xx': ErrorBody } },
    handler: async (req, reply) => {
      await remove(core, req.nativeActor, (req.params as { id: number }).id)
      return reply.code(204).send()
    },
  }),
})
