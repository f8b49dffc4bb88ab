import { unsubscribeAllPrograms } from '../../../core/programs/index.ts'
import { accountOut } from '../codec.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /accounts/{account_id}/programs` (spec/ictcore.md §4.9): unsubscribe every program from an account. */
export const unsubscribeAllAccountProgramsOp = ictcoreOperation({
  wireId: 'DELETE /accounts/{account_id}/programs',
  methods: ['DELETE'],
  path: '/accounts/:account_id/programs',
  summary: 'Unsubscribe every program from an account',
  serve: {
    reply: AccountView,
    handler: async ({ core, actor, params }) =>
      accountOut(await unsubscribeAllPrograms(core, actor, params.account_id as number)),
  },
})
