import { deleteGroup } from '../../../core/contacts/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /groups/{group_id}` (spec/ictcore.md §4.5): delete a contact group, keeping its contacts. */
export const deleteGroupOp = ictcoreOperation({
  wireId: 'DELETE /groups/{group_id}',
  methods: ['DELETE'],
  path: '/groups/:group_id',
  summary: 'Delete a contact group, keeping its contacts',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteGroup(core, actor, params.group_id as number)
      return true
    },
  },
})
