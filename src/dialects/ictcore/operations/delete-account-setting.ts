import { deleteAccountSetting } from '../../../core/accounts/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /accounts/{account_id}/settings/{name}` (spec/ictcore.md §4.9): delete a setting of an account. */
export const deleteAccountSettingOp = ictcoreOperation({
  wireId: 'DELETE /accounts/{account_id}/settings/{name}',
  methods: ['DELETE'],
  path: '/accounts/:account_id/settings/:name',
  summary: 'Delete a setting of an account',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteAccountSetting(core, actor, params.account_id as number, params.name as string)
      return true
    },
  },
})
