import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { setServiceAccountDevice as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { DeviceBody, ServiceAccountView, serviceAccountView } from '../service-account-schema.ts'

/** `PUT /service-accounts/:id/device`: provisions a phone (a device of a model, Porta `i_ua` / `i_ua_type`) for an account, replacing any previous one. */
export const setServiceAccountDevice = routeOperation<Core>({
  wireId: 'PUT /service-accounts/:id/device',
  methods: ['PUT'],
  path: '/service-accounts/:id/device',
  summary: 'Provision a phone for a service account',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: DeviceBody, response: { 200: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req) => serviceAccountView(await run(core, req.nativeActor, (req.params as { id: number }).id, req.body as { modelId: number; mac?: string | null })),
  }),
})
