import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { updateServiceAccount as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { ServiceAccountChange, ServiceAccountView, serviceAccountView, servicePatch } from '../service-account-schema.ts'

/** `PATCH /service-accounts/:id`: changes the fields given: main product, billing model, currency, balance, credit limit, display name, contact, extension, subscription instance. */
export const updateServiceAccount = routeOperation<Core>({
  wireId: 'PATCH /service-accounts/:id',
  methods: ['PATCH'],
  path: '/service-accounts/:id',
  summary: 'Change a service account\'s product, billing, extension or subscription',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), body: ServiceAccountChange, response: { 200: ServiceAccountView, '4xx': ErrorBody } },
    handler: async (req) => serviceAccountView(await run(core, req.nativeActor, (req.params as { id: number }).id, servicePatch(req.body as Record<string, unknown>))),
  }),
})
