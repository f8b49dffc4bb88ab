import { updateAccount } from '../../../core/accounts/index.ts'
import { accountIn, accountOut } from '../codec.ts'
import { AccountBody, AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /extensions/{account_id}` (spec/ictcore.md §4.9): update an account of type extension. */
export const updateExtensionOp = ictcoreOperation({
  wireId: 'PUT /extensions/{account_id}',
  methods: ['PUT'],
  path: '/extensions/:account_id',
  summary: 'Update an account of type extension',
  serve: {
    body: AccountBody, reply: AccountView,
    handler: async ({ core, actor, params, body }) => accountOut(await updateAccount(core, actor, params.account_id as number, accountIn(body), 'extension')),
  },
})
