import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { pageResellers } from '../../../core/platform/index.ts'
import { PageOf, PageQuery, pageView, ResellerView, resellerView } from '../views.ts'

/** `GET /resellers`: resellers, oldest first (the platform admin: all, or one parent's children; a reseller administrator: its own). */
export const listResellersOp = routeOperation<Core>({
  wireId: 'GET /resellers',
  methods: ['GET'],
  path: '/resellers',
  summary: 'List resellers, oldest first (never their keys)',
  serve: (core) => ({
    schema: {
      querystring: Type.Object({ parentId: Type.Optional(Id), ...PageQuery }, { additionalProperties: false }),
      response: { 200: PageOf(ResellerView), '4xx': ErrorBody },
    },
    handler: async (req) => pageView(await pageResellers(core, req.nativeActor, req.query as { parentId?: number; limit?: number; offset?: number }), resellerView),
  }),
})
