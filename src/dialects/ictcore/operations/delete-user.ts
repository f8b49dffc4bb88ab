import { deleteUser } from '../../../core/users/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /users/{user_id}` (spec/ictcore.md §4.10): delete a user. */
export const deleteUserOp = ictcoreOperation({
  wireId: 'DELETE /users/{user_id}',
  methods: ['DELETE'],
  path: '/users/:user_id',
  summary: 'Delete a user',
  serve: {
    reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await deleteUser(core, actor, params.user_id as number)
      return true
    },
  },
})
