import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { showHuntGroup as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { HuntGroupView, huntGroupView } from '../hunt-group-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `GET /hunt-groups/:id`: one hunt group with its members in hunt order. */
export const showHuntGroup = routeOperation<Core>({
  wireId: 'GET /hunt-groups/:id',
  methods: ['GET'],
  path: '/hunt-groups/:id',
  summary: 'Show a hunt group',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id }), response: { 200: HuntGroupView, '4xx': ErrorBody } },
    handler: async (req) => huntGroupView(await run(core, req.nativeActor, (req.params as { id: number }).id)),
  }),
})
