import { updateRole } from '../../../core/users/index.ts'
import { namedIn, roleOut } from '../codec.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /roles/{role_id}` (spec/ictcore.md §4.10): update a role. */
export const updateRoleOp = ictcoreOperation({
  wireId: 'PUT /roles/{role_id}',
  methods: ['PUT'],
  path: '/roles/:role_id',
  summary: 'Update a role',
  serve: {
    handler: async ({ core, actor, params, body }) => roleOut(await updateRole(core, actor, params.role_id as number, namedIn(body))),
  },
})
