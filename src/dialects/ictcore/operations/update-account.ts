import { updateAccount } from '../../../core/accounts/index.ts'
import { accountIn, accountOut } from '../codec.ts'
import { AccountBody, AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /accounts/{account_id}` (spec/ictcore.md §4.9): update an account. */
export const updateAccountOp = ictcoreOperation({
  wireId: 'PUT /accounts/{account_id}',
  methods: ['PUT'],
  path: '/accounts/:account_id',
  summary: 'Update an account',
  serve: {
    body: AccountBody, reply: AccountView,
    handler: async ({ core, actor, params, body }) => accountOut(await updateAccount(core, actor, params.account_id as number, accountIn(body))),
  },
})
