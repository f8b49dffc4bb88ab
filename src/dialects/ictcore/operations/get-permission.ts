import { getPermission } from '../../../core/users/index.ts'
import { permissionOut } from '../codec.ts'
import { PermissionView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /permissions/{permission_id}` (spec/ictcore.md §4.10): read a permission. */
export const getPermissionOp = ictcoreOperation({
  wireId: 'GET /permissions/{permission_id}',
  methods: ['GET'],
  path: '/permissions/:permission_id',
  summary: 'Read a permission',
  serve: {
    reply: PermissionView,
    handler: async ({ core, actor, params }) => permissionOut(await getPermission(core, actor, params.permission_id as number)),
  },
})
