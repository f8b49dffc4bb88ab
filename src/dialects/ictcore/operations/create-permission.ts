import { createPermission } from '../../../core/users/index.ts'
import { namedIn } from '../codec.ts'
import { PermissionBody } from '../resources/users.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /permissions` (spec/ictcore.md §4.10): create a permission. */
export const createPermissionOp = ictcoreOperation({
  wireId: 'POST /permissions',
  methods: ['POST'],
  path: '/permissions',
  summary: 'Create a permission',
  serve: {
    body: PermissionBody, reply: NewId('permission_id'),
    handler: async ({ core, actor, body }) => createPermission(core, actor, namedIn(body)),
  },
})
