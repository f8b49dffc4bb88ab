import { deleteRole } from '../../../core/users/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /roles/{role_id}` (spec/ictcore.md §4.10): delete a role. */
export const deleteRoleOp = ictcoreOperation({
  wireId: 'DELETE /roles/{role_id}',
  methods: ['DELETE'],
  path: '/roles/:role_id',
  summary: 'Delete a role',
  serve: {
    reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await deleteRole(core, actor, params.role_id as number)
      return true
    },
  },
})
