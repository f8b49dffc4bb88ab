import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { listOrders, type OrderFilter } from '../../../core/call-tracking/index.ts'
import { routeOperation } from '../../operation.ts'
import { PageOf, PageQuery } from '../views.ts'
import { OrderBody, renderOrder } from '../delacon-orders-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /delacon/orders`: number orders, newest first; `callbackStatus=failed` lists those whose callbacks all failed. */
export const listDelaconOrders = routeOperation<Core>({
  wireId: 'GET /delacon/orders',
  methods: ['GET'],
  path: '/delacon/orders',
  summary: 'List Delacon number orders (filter by reseller, status, callback status), paged with the total',
  serve: (core) => ({
    schema: {
      querystring: Type.Object({
        resellerId: Type.Optional(Id),
        status: Type.Optional(Type.Union([Type.Literal('OK'), Type.Literal('WAIT'), Type.Literal('FAIL')])),
        callbackStatus: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('pending'), Type.Literal('accepted'), Type.Literal('failed')])),
        ...PageQuery,
      }, { additionalProperties: false }),
      response: { 200: PageOf(OrderBody), '4xx': ErrorBody },
    },
    handler: async (req) => {
      const { orders, total } = await listOrders(core, req.nativeActor, req.query as OrderFilter)
      return { items: orders.map(renderOrder), total }
    },
  }),
})
