import { setAccountOwner } from '../../../core/accounts/index.ts'
import { accountOut } from '../codec.ts'
import { EmptyBody } from '../resources/wire-schemas.ts'
import { AccountView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /accounts/{account_id}/users/{user_id}` (spec/ictcore.md §4.9): give an account to a user. */
export const setAccountOwnerOp = ictcoreOperation({
  wireId: 'PUT /accounts/{account_id}/users/{user_id}',
  methods: ['PUT'],
  path: '/accounts/:account_id/users/:user_id',
  summary: 'Give an account to a user',
  serve: {
    body: EmptyBody, reply: AccountView,
    handler: async ({ core, actor, params }) =>
      accountOut(await setAccountOwner(core, actor, params.account_id as number, params.user_id as number)),
  },
})
