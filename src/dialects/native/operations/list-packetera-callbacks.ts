import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { listCallbackRequests, type CallbackStatus } from '../../../core/click-to-call/index.ts'
import { routeOperation } from '../../operation.ts'
import { CallbackRequestBody, CallbackStatusParam, renderCallbackRequest } from '../packetera-callbacks-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { PageOf, PageQuery } from '../views.ts'

/** `GET /packetera/members/:id/callbacks`: a member's callback requests, newest first (spec/packetera.md §9). */
export const listPacketeraCallbacks = routeOperation<Core>({
  wireId: 'GET /packetera/members/:id/callbacks',
  methods: ['GET'],
  path: '/packetera/members/:id/callbacks',
  summary: "List a Packetera member's callback requests, newest first (filter by status), paged with the total",
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      querystring: Type.Object({ status: Type.Optional(CallbackStatusParam), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(CallbackRequestBody), '4xx': ErrorBody },
    },
    handler: async (req) => {
      const q = req.query as { status?: CallbackStatus; limit?: number; offset?: number }
      const page = await listCallbackRequests(core, req.nativeActor, (req.params as { id: number }).id, q)
      return { items: page.items.map(renderCallbackRequest), total: page.total }
    },
  }),
})
