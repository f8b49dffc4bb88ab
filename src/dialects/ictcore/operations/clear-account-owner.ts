import { clearAccountOwner } from '../../../core/accounts/index.ts'
import { accountOut } from '../codec.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /accounts/{account_id}/users` (spec/ictcore.md §4.9): leave an account without owner. */
export const clearAccountOwnerOp = ictcoreOperation({
  wireId: 'DELETE /accounts/{account_id}/users',
  methods: ['DELETE'],
  path: '/accounts/:account_id/users',
  summary: 'Leave an account without owner',
  serve: {
    reply: AccountView,
    handler: async ({ core, actor, params }) =>
      accountOut(await clearAccountOwner(core, actor, params.account_id as number)),
  },
})
