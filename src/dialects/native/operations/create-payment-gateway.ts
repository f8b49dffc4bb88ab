import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody } from '../schemas.ts'
import { createPaymentGateway as run } from '../../../core/catalog/index.ts'
import { GatewayCreate, GatewayView, gatewayView } from '../views.ts'

/** `POST /payment-gateways`: a payment gateway for a reseller (the platform admin names it with `resellerId`). */
export const createPaymentGateway = routeOperation<Core>({
  wireId: 'POST /payment-gateways',
  methods: ['POST'],
  path: '/payment-gateways',
  summary: 'Create a payment gateway',
  serve: (core) => ({
    schema: { body: GatewayCreate, response: { 201: GatewayView, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(201).send(gatewayView(await run(core, req.nativeActor, req.body as never))),
  }),
})
