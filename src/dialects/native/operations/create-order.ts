import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { createOrder as create } from '../../../core/orders/index.ts'
import { OrderStatus, OrderView, orderView } from '../views.ts'

/** `POST /orders`: an order of a customer (it belongs to the customer's reseller). */
export const createOrder = routeOperation<Core>({
  wireId: 'POST /orders',
  methods: ['POST'],
  path: '/orders',
  summary: 'Place an order for a customer (a customer with orders cannot be deleted)',
  serve: (core) => ({
    schema: {
      body: Type.Object({
        customerId: Id,
        productKey: Type.String({ minLength: 1, maxLength: 64, examples: ['domcno'] }),
        status: Type.Optional(OrderStatus),
      }, { additionalProperties: false, examples: [{ customerId: 7, productKey: 'domcno' }] }),
      response: { 201: OrderView, '4xx': ErrorBody },
    },
    handler: async (req, reply) => reply.code(201).send(orderView(await create(core, req.nativeActor, req.body as { customerId: number; productKey: string }))),
  }),
})
