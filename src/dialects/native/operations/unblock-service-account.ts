import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { setServiceAccountBlocked } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { ServiceAccountView, serviceAccountView } from '../service-account-schema.ts'

/** `POST /service-accounts/:id/unblock`: unblocks an account (a closed one stays blocked: 400). */
export const unblockServiceAccount = routeOperation<Core>({
  wireId: 'POST /service-accounts/:id/unblock',
  methods: ['POST'],
  path: '/service-accounts/:id/unblock',
  summary: 'Unblock a service account',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req) => serviceAccountView(await setServiceAccountBlocked(core, req.nativeActor, (req.params as { id: number }).id, false)),
  }),
})
