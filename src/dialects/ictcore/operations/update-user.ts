import { updateUser } from '../../../core/users/index.ts'
import { userIn, userOut } from '../codec.ts'
import { UserBody, UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /users/{user_id}` (spec/ictcore.md §4.10): update a user. */
export const updateUserOp = ictcoreOperation({
  wireId: 'PUT /users/{user_id}',
  methods: ['PUT'],
  path: '/users/:user_id',
  summary: 'Update a user',
  serve: {
    body: UserBody, reply: UserView,
    handler: async ({ core, req, actor, params, body }) => {
      const u = await updateUser(core, actor, params.user_id as number, userIn(req, body))
      return userOut(u, u.isAdmin)
    },
  },
})
