import { getRole } from '../../../core/users/index.ts'
import { roleOut } from '../codec.ts'
import { RoleView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /roles/{role_id}` (spec/ictcore.md §4.10): read a role. */
export const getRoleOp = ictcoreOperation({
  wireId: 'GET /roles/{role_id}',
  methods: ['GET'],
  path: '/roles/:role_id',
  summary: 'Read a role',
  serve: {
    reply: RoleView,
    handler: async ({ core, actor, params }) => roleOut(await getRole(core, actor, params.role_id as number)),
  },
})
