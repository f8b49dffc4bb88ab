import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { removeNumber as remove } from '../../../core/numbers/index.ts'

/** `DELETE /numbers/:id`: removes a free number from the stock (an allocated one stays: 409). */
export const removeNumber = routeOperation<Core>({
  wireId: 'DELETE /numbers/:id',
  methods: ['DELETE'],
  path: '/numbers/:id',
  summary: 'Remove an unassigned number from the inventory',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 204: Type.Null(), '4xx': ErrorBody } },
    handler: async (req, reply) => {
      await remove(core, req.nativeActor, (req.params as { id: number }).id)
      return reply.code(204).send()
    },
  }),
})
