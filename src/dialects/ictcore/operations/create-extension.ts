import { createAccount } from '../../../core/accounts/index.ts'
import { accountIn } from '../codec.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { AccountBody } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /extensions` (spec/ictcore.md §4.9): create an account of type extension. */
export const createExtensionOp = ictcoreOperation({
  wireId: 'POST /extensions',
  methods: ['POST'],
  path: '/extensions',
  summary: 'Create an account of type extension',
  serve: {
    body: AccountBody, reply: NewId('account_id (an extension)'),
    handler: async ({ core, actor, body }) => createAccount(core, actor, { ...accountIn(body), type: 'extension' }),
  },
})
