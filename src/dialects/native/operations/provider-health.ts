import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { providerHealth } from '../../../core/providers/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** The state of a provider as the gateways see it (spec/gateways.md §1 "States"). */
export const ProviderHealthBody = Type.Object({
  state: Type.Union([Type.Literal('up'), Type.Literal('connecting'), Type.Literal('down'), Type.Literal('disabled')]),
  since: Type.String({ format: 'date-time' }),
  detail: Type.String(),
  window_in_use: Type.Integer({ minimum: 0 }),
  sent_per_s: Type.Number({ minimum: 0 }),
  errors_last_5m: Type.Integer({ minimum: 0 }),
}, { additionalProperties: false })

/** `GET /providers/:id/health`: `{state, since, detail, window_in_use, sent_per_s, errors_last_5m}` (spec/gateways.md §1). */
export const getProviderHealth = routeOperation<Core>({
  wireId: 'GET /providers/:id/health',
  methods: ['GET'],
  path: '/providers/:id/health',
  summary: 'A provider\'s state (up, connecting, down, disabled), its window in use, its send rate and recent errors',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      response: { 200: ProviderHealthBody, '4xx': ErrorBody },
    },
    handler: async (req) => {
      const h = await providerHealth(core, req.nativeActor, (req.params as { id: number }).id)
      return { state: h.state, since: h.since.toISOString(), detail: h.detail, window_in_use: h.windowInUse, sent_per_s: h.sentPerS, errors_last_5m: h.errorsLast5m }
    },
  }),
})
