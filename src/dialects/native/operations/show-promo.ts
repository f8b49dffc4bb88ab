import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { getPromo as run } from '../../../core/catalog/index.ts'
import { PromoView, promoView } from '../views.ts'

/** `GET /promos/:id`: one promo. */
export const showPromo = routeOperation<Core>({
  wireId: 'GET /promos/:id',
  methods: ['GET'],
  path: '/promos/:id',
  summary: 'Show a promo',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: PromoView, '4xx': ErrorBody } },
    handler: async (req) => promoView(await run(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
