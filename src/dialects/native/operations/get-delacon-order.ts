import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { getOrderDetail } from '../../../core/call-tracking/index.ts'
import { routeOperation } from '../../operation.ts'
import { OrderDetailBody, renderOrderDetail } from '../delacon-orders-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /delacon/orders/:id`: a number order with its callback and every attempt (spec/delacon.md §9). */
export const getDelaconOrder = routeOperation<Core>({
  wireId: 'GET /delacon/orders/:id',
  methods: ['GET'],
  path: '/delacon/orders/:id',
  summary: 'Read a Delacon number order with its post-provisioning callback attempts',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: OrderDetailBody, '4xx': ErrorBody } },
    handler: async (req) => renderOrderDetail(await getOrderDetail(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
