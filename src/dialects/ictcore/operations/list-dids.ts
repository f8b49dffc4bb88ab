import { listAccounts } from '../../../core/accounts/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn } from '../codec.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /dids` (spec/ictcore.md §4.9): list DIDs (accounts of type did). */
export const listDidsOp = ictcoreOperation({
  wireId: 'GET /dids',
  methods: ['GET'],
  path: '/dids',
  summary: 'List DIDs (accounts of type did)',
  serve: {
    handler: async ({ core, req, actor, query }) => (await listAccounts(core, actor, listQueryIn(req, query, ACCOUNT_FILTERS), { type: 'did' })).map(accountOut),
  },
})
