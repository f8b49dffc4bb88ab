import { listAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /accounts` (spec/ictcore.md §4.9): list accounts. */
export const listAccountsOp = ictcoreOperation({
  wireId: 'GET /accounts',
  methods: ['GET'],
  path: '/accounts',
  summary: 'List accounts',
  serve: {
    reply: ListOf(AccountView), querystring: ListQuery(ACCOUNT_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type: undefined })).map(accountOut),
  },
})
