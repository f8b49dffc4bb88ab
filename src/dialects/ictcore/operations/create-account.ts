import { createAccount } from '../../../core/accounts/index.ts'
import { accountIn } from '../codec.ts'
import { AccountBody } from '../resources/accounts.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /accounts` (spec/ictcore.md §4.9): create an account. */
export const createAccountOp = ictcoreOperation({
  wireId: 'POST /accounts',
  methods: ['POST'],
  path: '/accounts',
  summary: 'Create an account',
  serve: {
    body: AccountBody, reply: NewId('account_id'),
    handler: async ({ core, actor, body }) => createAccount(core, actor, accountIn(body)),
  },
})
