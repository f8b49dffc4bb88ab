import { updatePermission } from '../../../core/users/index.ts'
import { namedIn, permissionOut } from '../codec.ts'
import { PermissionBody, PermissionView } from '../resources/users.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /permissions/{permission_id}` (spec/ictcore.md §4.10): update a permission. */
export const updatePermissionOp = ictcoreOperation({
  wireId: 'PUT /permissions/{permission_id}',
  methods: ['PUT'],
  path: '/permissions/:permission_id',
  summary: 'Update a permission',
  serve: {
    body: PermissionBody, reply: PermissionView,
    handler: async ({ core, actor, params, body }) =>
      permissionOut(await updatePermission(core, actor, params.permission_id as number, namedIn(body))),
  },
})
