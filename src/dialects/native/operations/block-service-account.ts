import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { setServiceAccountBlocked } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { ServiceAccountView, serviceAccountView } from '../service-account-schema.ts'

/** `POST /service-accounts/:id/block`: blocks an account (Porta `Blocked`; the shared active flag every dialect reads). */
export const blockServiceAccount = routeOperation<Core>({
  wireId: 'POST /service-accounts/:id/block',
  methods: ['POST'],
  path: '/service-accounts/:id/block',
  summary: 'Block a service account',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req) => serviceAccountView(await setServiceAccountBlocked(core, req.nativeActor, (req.params as { id: number }).id, true)),
  }),
})
