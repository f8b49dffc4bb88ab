import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { listOrders as list, type OrderQuery } from '../../../core/orders/index.ts'
import { OrderStatus, OrderView, orderView, PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /orders`: orders, oldest first, by reseller, customer and status. */
export const listOrders = routeOperation<Core>({
  wireId: 'GET /orders',
  methods: ['GET'],
  path: '/orders',
  summary: "List orders (a reseller administrator: its own; the platform admin: all or one reseller's)",
  serve: (core) => ({
    schema: {
      querystring: Type.Object({ resellerId: Type.Optional(Id), customerId: Type.Optional(Id), status: Type.Optional(OrderStatus), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(OrderView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await list(core, req.nativeActor, req.query as OrderQuery), orderView),
  }),
})
