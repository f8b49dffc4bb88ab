import { createAccount } from '../../../core/accounts/index.ts'
import { accountIn } from '../codec.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /dids` (spec/ictcore.md §4.9): create an account of type did. */
export const createDidOp = ictcoreOperation({
  wireId: 'POST /dids',
  methods: ['POST'],
  path: '/dids',
  summary: 'Create an account of type did',
  serve: {
    handler: async ({ core, actor, body }) => createAccount(core, actor, { ...accountIn(body), type: 'did' }),
  },
})
