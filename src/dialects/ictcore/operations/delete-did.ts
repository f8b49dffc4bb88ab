import { deleteAccount } from '../../../core/accounts/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /dids/{account_id}` (spec/ictcore.md §4.9): delete an account of type did. */
export const deleteDidOp = ictcoreOperation({
  wireId: 'DELETE /dids/{account_id}',
  methods: ['DELETE'],
  path: '/dids/:account_id',
  summary: 'Delete an account of type did',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteAccount(core, actor, params.account_id as number, 'did')
      return true
    },
  },
})
