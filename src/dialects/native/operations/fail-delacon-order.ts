import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { failOrder, getOrderDetail } from '../../../core/call-tracking/index.ts'
import { routeOperation } from '../../operation.ts'
import { OrderDetailBody, renderOrderDetail } from '../delacon-orders-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /delacon/orders/:id/fail`: the operator fails a WAIT order (spec/delacon.md §5); its callback tells the partner. */
export const failDelaconOrder = routeOperation<Core>({
  wireId: 'POST /delacon/orders/:id/fail',
  methods: ['POST'],
  path: '/delacon/orders/:id/fail',
  summary: 'Fail a waiting Delacon order (its callback and summary email follow); 409 when it is not waiting',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: OrderDetailBody, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      await failOrder(core, req.nativeActor, id)
      return renderOrderDetail(await getOrderDetail(core, req.nativeActor, id))
    },
  }),
})
