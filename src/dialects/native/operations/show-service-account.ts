import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { showServiceAccount as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { ServiceAccountView, serviceAccountView } from '../service-account-schema.ts'

/** `GET /service-accounts/:id`: one service account (closed ones too). */
export const showServiceAccount = routeOperation<Core>({
  wireId: 'GET /service-accounts/:id',
  methods: ['GET'],
  path: '/service-accounts/:id',
  summary: 'Show a service account',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req) => serviceAccountView(await run(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
