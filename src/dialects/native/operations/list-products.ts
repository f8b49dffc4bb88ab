import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { pageProducts as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { ProductView, productView } from '../product-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /products`: the service catalogue (Porta products and add-ons), by id, paged. */
export const listProducts = routeOperation<Core>({
  wireId: 'GET /products',
  methods: ['GET'],
  path: '/products',
  summary: "List products and add-ons by id (a reseller administrator: its own; the platform admin: all or one reseller's)",
  serve: (core) => ({
    schema: {
      querystring: Type.Object({ resellerId: Type.Optional(Id), kind: Type.Optional(Type.Union([Type.Literal('main'), Type.Literal('addon')])), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(ProductView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number; kind?: 'main' | 'addon' }), productView),
  }),
})
