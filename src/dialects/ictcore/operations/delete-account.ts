import { deleteAccount } from '../../../core/accounts/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /accounts/{account_id}` (spec/ictcore.md §4.9): delete an account. */
export const deleteAccountOp = ictcoreOperation({
  wireId: 'DELETE /accounts/{account_id}',
  methods: ['DELETE'],
  path: '/accounts/:account_id',
  summary: 'Delete an account',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteAccount(core, actor, params.account_id as number)
      return true
    },
  },
})
