import { updateRole } from '../../../core/users/index.ts'
import { namedIn, roleOut } from '../codec.ts'
import { RoleBody, RoleView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /roles/{role_id}` (spec/ictcore.md §4.10): update a role. */
export const updateRoleOp = ictcoreOperation({
  wireId: 'PUT /roles/{role_id}',
  methods: ['PUT'],
  path: '/roles/:role_id',
  summary: 'Update a role',
  serve: {
    body: RoleBody, reply: RoleView,
    handler: async ({ core, actor, params, body }) => roleOut(await updateRole(core, actor, params.role_id as number, namedIn(body))),
  },
})
