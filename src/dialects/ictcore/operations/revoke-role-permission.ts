import { setRolePermission } from '../../../core/users/index.ts'
import { roleOut } from '../codec.ts'
import { RoleView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /roles/{role_id}/permissions/{permission_id}` (spec/ictcore.md §4.10): withdraw a permission from a role. */
export const revokeRolePermissionOp = ictcoreOperation({
  wireId: 'DELETE /roles/{role_id}/permissions/{permission_id}',
  methods: ['DELETE'],
  path: '/roles/:role_id/permissions/:permission_id',
  summary: 'Withdraw a permission from a role',
  serve: {
    reply: RoleView,
    handler: async ({ core, actor, params }) =>
      roleOut(await setRolePermission(core, actor, params.role_id as number, params.permission_id as number, false)),
  },
})
