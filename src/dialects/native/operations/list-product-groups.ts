import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { pageProductGroups as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ProductGroupView, productGroupView, ResellerQuery } from '../catalog-schema.ts'
import { ErrorBody } from '../schemas.ts'
import { PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /product-groups`: the product groups (IProductGroup) of the service catalogue, by id, paged. */
export const listProductGroups = routeOperation<Core>({
  wireId: 'GET /product-groups',
  methods: ['GET'],
  path: '/product-groups',
  summary: 'List product groups',
  serve: (core) => ({
    schema: { querystring: Type.Object({ ...ResellerQuery, ...PageQuery }, { additionalProperties: false }), response: { 200: PageOf(ProductGroupView), '4xx': ErrorBody } },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number }), productGroupView),
  }),
})
