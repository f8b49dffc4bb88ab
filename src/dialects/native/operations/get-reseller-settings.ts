import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { getPartnerSettings } from '../../../core/resellers/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { SettingsView } from '../partner-settings-schema.ts'

/** `GET /resellers/:id/settings`: a partner's settings (platform admin, or the reseller's own administrator). */
export const getResellerSettings = routeOperation<Core>({
  wireId: 'GET /resellers/:id/settings',
  methods: ['GET'],
  path: '/resellers/:id/settings',
  summary: "Read a partner's settings (ResellerClub, Packetera, Delacon); secrets only as set or not",
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      response: { 200: SettingsView, '4xx': ErrorBody },
    },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      return getPartnerSettings(core, req.nativeActor, id)
    },
  }),
})
