import { listRolePermissions } from '../../../core/users/index.ts'
import { permissionOut } from '../codec.ts'
import { PermissionView } from '../resources/users.ts'
import { ListOf } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /roles/{role_id}/permissions` (spec/ictcore.md §4.10): list a role's permissions. */
export const listRolePermissionsOp = ictcoreOperation({
  wireId: 'GET /roles/{role_id}/permissions',
  methods: ['GET'],
  path: '/roles/:role_id/permissions',
  summary: 'List a role\'s permissions',
  serve: {
    reply: ListOf(PermissionView),
    handler: async ({ core, actor, params }) => (await listRolePermissions(core, actor, params.role_id as number)).map(permissionOut),
  },
})
