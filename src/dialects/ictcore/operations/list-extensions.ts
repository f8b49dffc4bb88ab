import { listAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /extensions` (spec/ictcore.md §4.9): list extensions (accounts of type extension). */
export const listExtensionsOp = ictcoreOperation({
  wireId: 'GET /extensions',
  methods: ['GET'],
  path: '/extensions',
  summary: 'List extensions (accounts of type extension)',
  serve: {
    reply: ListOf(AccountView), querystring: ListQuery(ACCOUNT_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type: 'extension' })).map(accountOut),
  },
})
