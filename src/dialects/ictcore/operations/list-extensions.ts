import { listAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /extensions` (spec/ictcore.md §4.9): list extensions (accounts of type extension). */
export const listExtensionsOp = ictcoreOperation({
  wireId: 'GET /extensions',
  methods: ['GET'],
  path: '/extensions',
  summary: 'List extensions (accounts of type extension)',
  serve: {
    handler: async ({ core, req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type: 'extension' })).map(accountOut),
  },
})
