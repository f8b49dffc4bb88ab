import { setRolePermission } from '../../../core/users/index.ts'
import { roleOut } from '../codec.ts'
import { RoleView } from '../resources/users.ts'
import { EmptyBody } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /roles/{role_id}/permissions/{permission_id}` (spec/ictcore.md §4.10): grant a role a permission. */
export const grantRolePermissionOp = ictcoreOperation({
  wireId: 'PUT /roles/{role_id}/permissions/{permission_id}',
  methods: ['PUT'],
  path: '/roles/:role_id/permissions/:permission_id',
  summary: 'Grant a role a permission',
  serve: {
    body: EmptyBody, reply: RoleView,
    handler: async ({ core, actor, params }) =>
      roleOut(await setRolePermission(core, actor, params.role_id as number, params.permission_id as number, true)),
  },
})
