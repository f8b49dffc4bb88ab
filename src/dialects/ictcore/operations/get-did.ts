import { getAccount } from '../../../core/accounts/index.ts'
import { accountOut } from '../codec.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /dids/{account_id}` (spec/ictcore.md §4.9): read an account of type did. */
export const getDidOp = ictcoreOperation({
  wireId: 'GET /dids/{account_id}',
  methods: ['GET'],
  path: '/dids/:account_id',
  summary: 'Read an account of type did',
  serve: {
    reply: AccountView,
    handler: async ({ core, actor, params }) => accountOut(await getAccount(core, actor, params.account_id as number, 'did')),
  },
})
