import { listUserRoles } from '../../../core/users/index.ts'
import { roleOut } from '../codec.ts'
import { RoleView } from '../resources/users.ts'
import { ListOf } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /users/{user_id}/roles` (spec/ictcore.md §4.10): list a user's roles. */
export const listUserRolesOp = ictcoreOperation({
  wireId: 'GET /users/{user_id}/roles',
  methods: ['GET'],
  path: '/users/:user_id/roles',
  summary: 'List a user\'s roles',
  serve: {
    reply: ListOf(RoleView),
    handler: async ({ core, actor, params }) => (await listUserRoles(core, actor, params.user_id as number)).map(roleOut),
  },
})
