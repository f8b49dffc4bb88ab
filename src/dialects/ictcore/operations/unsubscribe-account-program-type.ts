import { unsubscribeProgramType } from '../../../core/programs/index.ts'
import { accountOut } from '../codec.ts'
import { programTypeParam } from '../resources/programs.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /accounts/{account_id}/programs/{type}` (spec/ictcore.md §4.9): unsubscribe every program of one type from an account. */
export const unsubscribeAccountProgramTypeOp = ictcoreOperation({
  wireId: 'DELETE /accounts/{account_id}/programs/{type}',
  methods: ['DELETE'],
  path: '/accounts/:account_id/programs/:type',
  summary: 'Unsubscribe every program of one type from an account',
  serve: {
    reply: AccountView, errors: [501],
    handler: async ({ core, actor, params }) => {
      const type = programTypeParam(params.type)
      return accountOut(await unsubscribeProgramType(core, actor, params.account_id as number, type))
    },
  },
})
