import { deletePermission } from '../../../core/users/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /permissions/{permission_id}` (spec/ictcore.md §4.10): delete a permission and its grants. */
export const deletePermissionOp = ictcoreOperation({
  wireId: 'DELETE /permissions/{permission_id}',
  methods: ['DELETE'],
  path: '/permissions/:permission_id',
  summary: 'Delete a permission and its grants',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deletePermission(core, actor, params.permission_id as number)
      return true
    },
  },
})
