import { getAccount } from '../../../core/accounts/index.ts'
import { accountOut } from '../codec.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /accounts/{account_id}` (spec/ictcore.md §4.9): read an account. */
export const getAccountOp = ictcoreOperation({
  wireId: 'GET /accounts/{account_id}',
  methods: ['GET'],
  path: '/accounts/:account_id',
  summary: 'Read an account',
  serve: {
    reply: AccountView,
    handler: async ({ core, actor, params }) => accountOut(await getAccount(core, actor, params.account_id as number)),
  },
})
