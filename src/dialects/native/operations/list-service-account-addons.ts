import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { serviceAccountAddons as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { AddonAssignmentView, addonAssignmentView } from '../service-account-schema.ts'

/** `GET /service-accounts/:id/addons`: the add-on products attached to an account, with their periods, by id. */
export const listServiceAccountAddons = routeOperation<Core>({
  wireId: 'GET /service-accounts/:id/addons',
  methods: ['GET'],
  path: '/service-accounts/:id/addons',
  summary: 'List a service account\'s add-on assignments',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: Type.Object({ items: Type.Array(AddonAssignmentView) }), '4xx': ErrorBody } },
    handler: async (req) => ({ items: (await run(core, req.nativeActor, (req.params as { id: number }).id)).map(addonAssignmentView) }),
  }),
})
