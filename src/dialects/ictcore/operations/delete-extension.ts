import { deleteAccount } from '../../../core/accounts/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /extensions/{account_id}` (spec/ictcore.md §4.9): delete an account of type extension. */
export const deleteExtensionOp = ictcoreOperation({
  wireId: 'DELETE /extensions/{account_id}',
  methods: ['DELETE'],
  path: '/extensions/:account_id',
  summary: 'Delete an account of type extension',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteAccount(core, actor, params.account_id as number, 'extension')
      return true
    },
  },
})
