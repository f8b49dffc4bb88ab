import { createAccount } from '../../../core/accounts/index.ts'
import { accountIn } from '../codec.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { AccountBody } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /dids` (spec/ictcore.md §4.9): create an account of type did. */
export const createDidOp = ictcoreOperation({
  wireId: 'POST /dids',
  methods: ['POST'],
  path: '/dids',
  summary: 'Create an account of type did',
  serve: {
    body: AccountBody, reply: NewId('account_id (a did)'),
    handler: async ({ core, actor, body }) => createAccount(core, actor, { ...accountIn(body), type: 'did' }),
  },
})
