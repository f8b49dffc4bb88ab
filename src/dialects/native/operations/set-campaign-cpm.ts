import { Type } from 'typebox'
import { updateCampaign } from '../../../core/campaigns/index.ts'
import type { Core } from '../../../core/core.ts'
import { Forbidden } from '../../../core/errors.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** Most transmissions a minute the native API accepts; 0 = unpaced. ICTCore itself allows 1–600. */
const NATIVE_CPM_MAX = 1_000_000

/** `PUT /campaigns/:id/cpm`: an operator control over campaigns beyond the ICTCore contract (load tests, bulk sends). */
export const setCampaignCpm = routeOperation<Core>({
  wireId: 'PUT /campaigns/:id/cpm',
  methods: ['PUT'],
  path: '/campaigns/:id/cpm',
  summary: 'Set a campaign\'s pace: transmissions per minute, 0 = as fast as the gateways take them',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      body: Type.Object({ cpm: Type.Integer({ minimum: 0, maximum: NATIVE_CPM_MAX }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.Integer(), cpm: Type.Integer() }), '4xx': ErrorBody },
    },
    handler: async (req) => {
      if (!req.nativeActor.crossTenant) throw new Forbidden('platform_admin')
      const { id } = req.params as { id: number }
      const c = await updateCampaign(core, req.nativeActor, id, { cpm: (req.body as { cpm: number }).cpm }, { cpmMax: NATIVE_CPM_MAX })
      return { id: c.id, cpm: c.cpm }
    },
  }),
})
