import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { deletePaymentGateway as run } from '../../../core/catalog/index.ts'

/** `DELETE /payment-gateways/:id`: removes a payment gateway. */
export const deletePaymentGateway = routeOperation<Core>({
  wireId: 'DELETE /payment-gateways/:id',
  methods: ['DELETE'],
  path: '/payment-gateways/:id',
  summary: 'Delete a payment gateway',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 204: Type.Null(), '4xx': ErrorBody } },
    handler: async (req, reply) => {
      await run(core, req.nativeActor, (req.params as { id: number }).id)
      return reply.code(204).send()
    },
  }),
})
