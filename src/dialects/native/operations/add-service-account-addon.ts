import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { addServiceAccountAddon as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { AddonAssignmentCreate, AddonAssignmentView, addonAssignmentView } from '../service-account-schema.ts'

/** `POST /service-accounts/:id/addons`: attaches an add-on product to an account from `from` (default now) to `to` (default open-ended). */
export const addServiceAccountAddon = routeOperation<Core>({
  wireId: 'POST /service-accounts/:id/addons',
  methods: ['POST'],
  path: '/service-accounts/:id/addons',
  summary: 'Attach an add-on product to a service account for a period',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: AddonAssignmentCreate, response: { 201: AddonAssignmentView, '4xx': ErrorBody } },
    handler: async (req, reply) => {
      const b = req.body as { addonProductId: number; from?: string; to?: string | null }
      const g = await run(core, req.nativeActor, (req.params as { id: number }).id, { addonProductId: b.addonProductId, from: b.from ? new Date(b.from) : undefined, to: b.to ? new Date(b.to) : null })
      return reply.code(201).send(addonAssignmentView(g))
    },
  }),
})
