import { getUser } from '../../../core/users/index.ts'
import { userOut } from '../codec.ts'
import { UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /users/{user_id}` (spec/ictcore.md §4.10): read a user. */
export const getUserOp = ictcoreOperation({
  wireId: 'GET /users/{user_id}',
  methods: ['GET'],
  path: '/users/:user_id',
  summary: 'Read a user',
  serve: {
    reply: UserView,
    handler: async ({ core, actor, params }) => {
      const u = await getUser(core, actor, params.user_id as number)
      return userOut(u, u.isAdmin)
    },
  },
})
