import { setUserRole } from '../../../core/users/index.ts'
import { userOut } from '../codec.ts'
import { UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /users/{user_id}/roles/{role_id}` (spec/ictcore.md §4.10): take a role from a user. */
export const revokeUserRoleOp = ictcoreOperation({
  wireId: 'DELETE /users/{user_id}/roles/{role_id}',
  methods: ['DELETE'],
  path: '/users/:user_id/roles/:role_id',
  summary: 'Take a role from a user',
  serve: {
    reply: UserView,
    handler: async ({ core, actor, params }) => {
      const u = await setUserRole(core, actor, params.user_id as number, params.role_id as number, false)
      return userOut(u, u.isAdmin)
    },
  },
})
