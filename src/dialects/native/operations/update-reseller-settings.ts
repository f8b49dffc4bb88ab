import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { updatePartnerSettings } from '../../../core/resellers/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { SettingsPatch, SettingsView } from '../partner-settings-schema.ts'

const Updated = Type.Intersect([SettingsView, Type.Object({
  shownOnce: Type.Optional(Type.Object({ 'delacon.callbackSecret': Type.Optional(Type.String()) }, {
    description: 'A secret just set or generated: shown here once, never again',
  })),
})])

/** `PUT /resellers/:id/settings`: changes some of a partner's settings (null restores a default). */
export const updateResellerSettings = routeOperation<Core>({
  wireId: 'PUT /resellers/:id/settings',
  methods: ['PUT'],
  path: '/resellers/:id/settings',
  summary: "Change a partner's settings; a callback secret set or generated is shown once",
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      body: SettingsPatch,
      response: { 200: Updated, '4xx': ErrorBody },
    },
    handler: async (req) => {
      const { id } = req.params as { id: number }
      return updatePartnerSettings(core, req.nativeActor, id, req.body as Record<string, unknown>)
    },
  }),
})
