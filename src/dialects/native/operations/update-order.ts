import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { setOrderStatus, type ProductOrderStatus } from '../../../core/orders/index.ts'
import { OrderStatus, OrderView, orderView } from '../views.ts'

/** `PATCH /orders/:id`: suspends or re-activates an order. */
export const updateOrder = routeOperation<Core>({
  wireId: 'PATCH /orders/:id',
  methods: ['PATCH'],
  path: '/orders/:id',
  summary: 'Suspend or re-activate an order',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      body: Type.Object({ status: OrderStatus }, { additionalProperties: false, examples: [{ status: 'suspended' }] }),
      response: { 200: OrderView, '4xx': ErrorBody },
    },
    handler: async (req) => orderView(await setOrderStatus(core, req.nativeActor, (req.params as { id: number }).id, (req.body as { status: ProductOrderStatus }).status)),
  }),
})
