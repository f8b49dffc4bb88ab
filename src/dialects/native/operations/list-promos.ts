import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { listPromos as run } from '../../../core/catalog/index.ts'
import { PromoView, promoView, PageOf, PageQuery, pageView } from '../views.ts'

/** `GET /promos`: promos, paged. */
export const listPromos = routeOperation<Core>({
  wireId: 'GET /promos',
  methods: ['GET'],
  path: '/promos',
  summary: "List promos in creation order (a reseller administrator: its own; the platform admin: all or one reseller's)",
  serve: (core) => ({
    schema: {
      querystring: Type.Object({ resellerId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(PromoView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await run(core, req.nativeActor, req.query as { resellerId?: number }), promoView),
  }),
})
