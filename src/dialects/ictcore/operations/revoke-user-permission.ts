import { setUserPermission } from '../../../core/users/index.ts'
import { userOut } from '../codec.ts'
import { UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /users/{user_id}/permissions/{permission_id}` (spec/ictcore.md §4.10): withdraw a permission from a user. */
export const revokeUserPermissionOp = ictcoreOperation({
  wireId: 'DELETE /users/{user_id}/permissions/{permission_id}',
  methods: ['DELETE'],
  path: '/users/:user_id/permissions/:permission_id',
  summary: 'Withdraw a permission from a user',
  serve: {
    reply: UserView,
    handler: async ({ core, actor, params }) => {
      const u = await setUserPermission(core, actor, params.user_id as number, params.permission_id as number, false)
      return userOut(u, u.isAdmin)
    },
  },
})
