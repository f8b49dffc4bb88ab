import { listUserPermissions } from '../../../core/users/index.ts'
import { permissionOut } from '../codec.ts'
import { PermissionView } from '../resources/users.ts'
import { ListOf } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /users/{user_id}/permissions` (spec/ictcore.md §4.10): list a user's direct permissions. */
export const listUserPermissionsOp = ictcoreOperation({
  wireId: 'GET /users/{user_id}/permissions',
  methods: ['GET'],
  path: '/users/:user_id/permissions',
  summary: 'List a user\'s direct permissions',
  serve: {
    reply: ListOf(PermissionView),
    handler: async ({ core, actor, params }) => (await listUserPermissions(core, actor, params.user_id as number)).map(permissionOut),
  },
})
