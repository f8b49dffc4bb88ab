import { subscribeProgram } from '../../../core/programs/index.ts'
import { accountOut } from '../codec.ts'
import { EmptyBody } from '../resources/wire-schemas.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /accounts/{account_id}/programs/{program_id}` (spec/ictcore.md §4.9): subscribe an inbound program to an account. */
export const subscribeAccountProgramOp = ictcoreOperation({
  wireId: 'PUT /accounts/{account_id}/programs/{program_id}',
  methods: ['PUT'],
  path: '/accounts/:account_id/programs/:program_id',
  summary: 'Subscribe an inbound program to an account',
  serve: {
    body: EmptyBody, reply: AccountView,
    handler: async ({ core, actor, params }) =>
      accountOut(await subscribeProgram(core, actor, params.account_id as number, params.program_id as number)),
  },
})
