import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { closeServiceAccount as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { ServiceAccountView, serviceAccountView } from '../service-account-schema.ts'

/** `POST /service-accounts/:id/close`: closes an account now: blocked, and no longer listed by Porta (its REPORT rows keep it with `TerminationDate`). */
export const closeServiceAccount = routeOperation<Core>({
  wireId: 'POST /service-accounts/:id/close',
  methods: ['POST'],
  path: '/service-accounts/:id/close',
  summary: 'Close a service account',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req) => serviceAccountView(await run(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
