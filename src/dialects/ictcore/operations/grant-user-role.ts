import { setUserRole } from '../../../core/users/index.ts'
import { userOut } from '../codec.ts'
import { EmptyBody } from '../resources/wire-schemas.ts'
import { UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /users/{user_id}/roles/{role_id}` (spec/ictcore.md §4.10): give a user a role. */
export const grantUserRoleOp = ictcoreOperation({
  wireId: 'PUT /users/{user_id}/roles/{role_id}',
  methods: ['PUT'],
  path: '/users/:user_id/roles/:role_id',
  summary: 'Give a user a role',
  serve: {
    body: EmptyBody, reply: UserView,
    handler: async ({ core, actor, params }) => {
      const u = await setUserRole(core, actor, params.user_id as number, params.role_id as number, true)
      return userOut(u, u.isAdmin)
    },
  },
})
