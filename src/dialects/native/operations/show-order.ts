import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getOrder } from '../../../core/orders/index.ts'
import { OrderView, orderView } from '../views.ts'

/** `GET /orders/:id`: one order. */
export const showOrder = routeOperation<Core>({
  wireId: 'GET /orders/:id',
  methods: ['GET'],
  path: '/orders/:id',
  summary: 'Show an order',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: OrderView, '4xx': ErrorBody } },
    handler: async (req) => orderView(await getOrder(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
