import { createUser } from '../../../core/users/index.ts'
import { userIn } from '../codec.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { UserBody } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /users` (spec/ictcore.md §4.10): create a user. */
export const createUserOp = ictcoreOperation({
  wireId: 'POST /users',
  methods: ['POST'],
  path: '/users',
  summary: 'Create a user',
  serve: {
    body: UserBody, reply: NewId('user_id'),
    handler: async ({ core, req, actor, body }) => createUser(core, actor, userIn(req, body)),
  },
})
