import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { pageSubResellers } from '../../../core/platform/index.ts'
import { PageOf, PageQuery, pageView, ResellerView, resellerView } from '../views.ts'

/** `GET /resellers/:id/sub-resellers`: the resellers under one. */
export const listSubResellers = routeOperation<Core>({
  wireId: 'GET /resellers/:id/sub-resellers',
  methods: ['GET'],
  path: '/resellers/:id/sub-resellers',
  summary: 'List the sub-resellers of a reseller',
  serve: (core) => ({
    schema: {
      params: Type.Object({ id: Id }),
      querystring: Type.Object(PageQuery, { additionalProperties: false }),
      response: { 200: PageOf(ResellerView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await pageSubResellers(core, req.nativeActor, (req.params as { id: number }).id, req.query as { limit?: number }), resellerView),
  }),
})
