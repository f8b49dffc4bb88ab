import { createRole } from '../../../core/users/index.ts'
import { namedIn } from '../codec.ts'
import { RoleBody } from '../resources/users.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /roles` (spec/ictcore.md §4.10): create a role. */
export const createRoleOp = ictcoreOperation({
  wireId: 'POST /roles',
  methods: ['POST'],
  path: '/roles',
  summary: 'Create a role',
  serve: {
    body: RoleBody, reply: NewId('role_id'),
    handler: async ({ core, actor, body }) => createRole(core, actor, namedIn(body)),
  },
})
