import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { setServiceAccountAddonEnd as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { AddonAssignmentEnd, AddonAssignmentView, addonAssignmentView } from '../service-account-schema.ts'

/** `PATCH /service-accounts/:id/addons/:assignmentId`: moves the end of an add-on assignment (`to` null = open-ended). */
export const endServiceAccountAddon = routeOperation<Core>({
  wireId: 'PATCH /service-accounts/:id/addons/:assignmentId',
  methods: ['PATCH'],
  path: '/service-accounts/:id/addons/:assignmentId',
  summary: 'End an add-on assignment of a service account (or change its end)',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id, assignmentId: Id }), body: AddonAssignmentEnd, response: { 200: AddonAssignmentView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id, assignmentId } = req.params as { id: number; assignmentId: number }
      const { to } = req.body as { to: string | null }
      return addonAssignmentView(await run(core, req.nativeActor, id, assignmentId, to === null ? null : new Date(to)))
    },
  }),
})
