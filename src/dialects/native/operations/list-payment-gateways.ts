import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { listPaymentGateways as run } from '../../../core/catalog/index.ts'
import { GatewayView, gatewayView, PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /payment-gateways`: payment gateways, paged. */
export const listPaymentGateways = routeOperation<Core>({
  wireId: 'GET /payment-gateways',
  methods: ['GET'],
  path: '/payment-gateways',
  summary: "List payment gateways in display order (a reseller administrator: its own; the platform admin: all or one reseller's)",
  serve: (core) => ({
    schema: {
      querystring: Type.Object({ resellerId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(GatewayView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number }), gatewayView),
  }),
})
