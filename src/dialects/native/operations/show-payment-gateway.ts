import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getPaymentGateway as run } from '../../../core/catalog/index.ts'
import { GatewayView, gatewayView } from '../views.ts'

/** `GET /payment-gateways/:id`: one payment gateway. */
export const showPaymentGateway = routeOperation<Core>({
  wireId: 'GET /payment-gateways/:id',
  methods: ['GET'],
  path: '/payment-gateways/:id',
  summary: 'Show a payment gateway',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: GatewayView, '4xx': ErrorBody } },
    handler: async (req) => gatewayView(await run(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
