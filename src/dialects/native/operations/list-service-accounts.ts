import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { listOperatorServiceAccounts as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ResellerQuery } from '../catalog-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { ServiceAccountView, serviceAccountView } from '../service-account-schema.ts'
import { PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /service-accounts`: the service accounts (Porta IAccount) of customers, by id, paged; closed ones with `includeClosed`. */
export const listServiceAccounts = routeOperation<Core>({
  wireId: 'GET /service-accounts',
  methods: ['GET'],
  path: '/service-accounts',
  summary: 'List service accounts',
  serve: (core) => ({
    schema: { querystring: Type.Object({ ...ResellerQuery, customerId: Type.Optional(Id), includeClosed: Type.Optional(Type.Boolean()), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(ServiceAccountView), '4xx': ErrorBody } },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number; customerId?: number; includeClosed?: boolean }), serviceAccountView),
  }),
})
