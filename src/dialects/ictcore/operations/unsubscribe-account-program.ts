import { unsubscribeProgram } from '../../../core/programs/index.ts'
import { accountOut } from '../codec.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /accounts/{account_id}/programs/{program_id}` (spec/ictcore.md §4.9): unsubscribe a program from an account. */
export const unsubscribeAccountProgramOp = ictcoreOperation({
  wireId: 'DELETE /accounts/{account_id}/programs/{program_id}',
  methods: ['DELETE'],
  path: '/accounts/:account_id/programs/:program_id',
  summary: 'Unsubscribe a program from an account',
  serve: {
    reply: AccountView,
    handler: async ({ core, actor, params }) =>
      accountOut(await unsubscribeProgram(core, actor, params.account_id as number, params.program_id as number)),
  },
})
