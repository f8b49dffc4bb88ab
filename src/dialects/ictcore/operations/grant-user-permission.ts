import { setUserPermission } from '../../../core/users/index.ts'
import { userOut } from '../codec.ts'
import { EmptyBody } from '../resources/wire-schemas.ts'
import { UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /users/{user_id}/permissions/{permission_id}` (spec/ictcore.md §4.10): grant a user a permission. */
export const grantUserPermissionOp = ictcoreOperation({
  wireId: 'PUT /users/{user_id}/permissions/{permission_id}',
  methods: ['PUT'],
  path: '/users/:user_id/permissions/:permission_id',
  summary: 'Grant a user a permission',
  serve: {
    body: EmptyBody, reply: UserView,
    handler: async ({ core, actor, params }) => {
      const u = await setUserPermission(core, actor, params.user_id as number, params.permission_id as number, true)
      return userOut(u, u.isAdmin)
    },
  },
})
