import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { updatePaymentGateway as run } from '../../../core/catalog/index.ts'
import { GatewayChange, GatewayView, gatewayView } from '../views.ts'

/** `PATCH /payment-gateways/:id`: changes the fields given. */
export const updatePaymentGateway = routeOperation<Core>({
  wireId: 'PATCH /payment-gateways/:id',
  methods: ['PATCH'],
  path: '/payment-gateways/:id',
  summary: 'Change a payment gateway (the fields given)',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: GatewayChange, response: { 200: GatewayView, '4xx': ErrorBody } },
    handler: async (req) => gatewayView(await run(core, req.nativeActor, (req.params as { id: number }).id, req.body as never)),
  }),
})
