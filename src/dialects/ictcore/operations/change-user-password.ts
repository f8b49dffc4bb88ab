import { changeUserPassword } from '../../../core/users/index.ts'
import { passwordIn, userOut } from '../codec.ts'
import { PasswordBody, UserView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /users/{user_id}/password` (spec/ictcore.md §4.10): change a user's password. */
export const changeUserPasswordOp = ictcoreOperation({
  wireId: 'PUT /users/{user_id}/password',
  methods: ['PUT'],
  path: '/users/:user_id/password',
  summary: 'Change a user\'s password',
  serve: {
    body: PasswordBody, reply: UserView,
    handler: async ({ core, req, actor, params, body }) => {
      const u = await changeUserPassword(core, actor, params.user_id as number, passwordIn(req, body))
      return userOut(u, u.isAdmin)
    },
  },
})
