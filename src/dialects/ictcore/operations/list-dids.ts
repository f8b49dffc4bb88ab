import { listAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /dids` (spec/ictcore.md §4.9): list DIDs (accounts of type did). */
export const listDidsOp = ictcoreOperation({
  wireId: 'GET /dids',
  methods: ['GET'],
  path: '/dids',
  summary: 'List DIDs (accounts of type did)',
  serve: {
    reply: ListOf(AccountView), querystring: ListQuery(ACCOUNT_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type: 'did' })).map(accountOut),
  },
})
