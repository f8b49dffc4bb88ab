import { getAccountSetting } from '../../../core/accounts/index.ts'
import { SettingView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /accounts/{account_id}/settings/{name}` (spec/ictcore.md §4.9): read a setting of an account. */
export const getAccountSettingOp = ictcoreOperation({
  wireId: 'GET /accounts/{account_id}/settings/{name}',
  methods: ['GET'],
  path: '/accounts/:account_id/settings/:name',
  summary: 'Read a setting of an account',
  serve: {
    reply: SettingView,
    handler: async ({ core, actor, params }) => getAccountSetting(core, actor, params.account_id as number, params.name as string),
  },
})
