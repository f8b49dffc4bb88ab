import { Type } from 'typebox'
import type { Core } from '../../../core/core.ts'
import { removeHuntGroupMember as run } from '../../../core/products/index.ts'
import { routeOperation } from '../../operation.ts'
import { HuntGroupView, huntGroupView } from '../hunt-group-schema.ts'
import { ErrorBody, Id } from '../schemas.ts'

/** `DELETE /hunt-groups/:id/members/:memberId`: removes a member from a hunt group; the members after it move up in hunt order. */
export const removeHuntGroupMember = routeOperation<Core>({
  wireId: 'DELETE /hunt-groups/:id/members/:memberId',
  methods: ['DELETE'],
  path: '/hunt-groups/:id/members/:memberId',
  summary: 'Remove a member from a hunt group',
  serve: (core) => ({
    schema: { params: Type.Object({ id: Id, memberId: Id }), response: { 200: HuntGroupView, '4xx': ErrorBody } },
    handler: async (req) => {
      const { id, memberId } = req.params as { id: number; memberId: number }
      return huntGroupView(await run(core, req.nativeActor, id, memberId))
    },
  }),
})
