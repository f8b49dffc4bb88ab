import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { getCallbackRequest } from '../../../core/click-to-call/index.ts'
import { routeOperation } from '../../operation.ts'
import { CallbackRequestBody, renderCallbackRequest } from '../packetera-callbacks-schema.ts'
import { ErrorBody } from '../schemas.ts'

/** `GET /packetera/callbacks/:id`: one callback request with its state and times (spec/packetera.md §9). */
export const getPacketeraCallback = routeOperation<Core>({
  wireId: 'GET /packetera/callbacks/:id',
  methods: ['GET'],
  path: '/packetera/callbacks/:id',
  summary: 'Read a Packetera callback request: its state, failure reason, times and ICTCore transmission',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Type.String({ maxLength: 36 }) }), response: { 200: CallbackRequestBody, '4xx': ErrorBody } },
    handler: async (req) => renderCallbackRequest(await getCallbackRequest(core, req.nativeActor, (req.params as { id: string }).id)),
  }),
})
