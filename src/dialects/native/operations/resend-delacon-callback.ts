import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { resendOrderCallback } from '../../../core/call-tracking/index.ts'
import { routeOperation } from '../../operation.ts'
import { OrderDetailBody, renderOrderDetail } from '../delacon-orders-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `POST /delacon/orders/:id/callback`: sends an order's callback again after all its attempts failed. */
export const resendDelaconCallback = routeOperation<Core>({
  wireId: 'POST /delacon/orders/:id/callback',
  methods: ['POST'],
  path: '/delacon/orders/:id/callback',
  summary: "Re-send an order's post-provisioning callback whose attempts all failed (a new round of 3 attempts)",
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 202: OrderDetailBody, '4xx': ErrorBody } },
    handler: async (req, reply) => reply.code(202).send(renderOrderDetail(await resendOrderCallback(core, req.nativeActor, (req.params as { id: number }).id))),
  }),
})
