import { listAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /accounts` (spec/ictcore.md §4.9): list accounts. */
export const listAccountsOp = ictcoreOperation({
  wireId: 'GET /accounts',
  methods: ['GET'],
  path: '/accounts',
  summary: 'List accounts',
  serve: {
    handler: async ({ core, req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type: undefined })).map(accountOut),
  },
})
