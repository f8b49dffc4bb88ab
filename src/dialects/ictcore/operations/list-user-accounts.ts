import { listUserAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /users/{user_id}/accounts` (spec/ictcore.md §4.10): list the accounts a user owns. */
export const listUserAccountsOp = ictcoreOperation({
  wireId: 'GET /users/{user_id}/accounts',
  methods: ['GET'],
  path: '/users/:user_id/accounts',
  summary: 'List the accounts a user owns',
  serve: {
    reply: ListOf(AccountView), querystring: ListQuery(ACCOUNT_FILTERS),
    handler: async ({ core, req, actor, params, query }) =>
      (await listUserAccounts(core, actor, params.user_id as number, listQueryIn(req, query, ACCOUNT_FILTERS))).map(accountOut),
  },
})
