import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { routeOperation } from '../../operation.ts'
import { ErrorBody, Id } from '../schemas.ts'
import { showReseller as show } from '../../../core/platform/index.ts'
import { ResellerView, resellerView } from '../views.ts'

/** `GET /resellers/:id`: one reseller. */
export const showReseller = routeOperation<Core>({
  wireId: 'GET /resellers/:id',
  methods: ['GET'],
  path: '/resellers/:id',
  summary: 'Show a reseller',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: ResellerView, '4xx': ErrorBody } },
    handler: async (req) => resellerView(await show(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
