import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { pageHuntGroups as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ResellerQuery } from '../catalog-schema.ts'
import { HuntGroupView, huntGroupView } from '../hunt-group-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /hunt-groups`: the hunt groups (i_c_group) of customers with their members, by id, paged. */
export const listHuntGroups = routeOperation<Core>({
  wireId: 'GET /hunt-groups',
  methods: ['GET'],
  path: '/hunt-groups',
  summary: 'List hunt groups',
  serve: (core) => ({
    schema: { querystring: Type.Object({ ...ResellerQuery, customerId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false }), response: { 200: PageOf(HuntGroupView), '4xx': ErrorBody } },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number; customerId?: number }), huntGroupView),
  }),
})
