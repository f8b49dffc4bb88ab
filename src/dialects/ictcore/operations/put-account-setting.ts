import { putAccountSetting } from '../../../core/accounts/index.ts'
import { Invalid } from '../../../core/errors.ts'
import { settingValue } from '../codec.ts'
import { SettingBody, SettingView } from '../resources/accounts.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /accounts/{account_id}/settings/{name}` (spec/ictcore.md §4.9): create or replace a setting of an account. */
export const putAccountSettingOp = ictcoreOperation({
  wireId: 'PUT /accounts/{account_id}/settings/{name}',
  methods: ['PUT'],
  path: '/accounts/:account_id/settings/:name',
  summary: 'Create or replace a setting of an account',
  serve: {
    body: SettingBody, reply: SettingView,
    handler: async ({ core, actor, params, body }) => {
      // `{"value": v}`, `{"data": v}` or a bare JSON scalar `v`.
      let raw: unknown = body
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        const b = body as Record<string, unknown>
        raw = b.value !== undefined ? b.value : b.data
      }
      const value = raw === undefined ? undefined : settingValue(raw)
      if (value === undefined && raw !== undefined) throw new Invalid('value', 'must be a scalar')
      return putAccountSetting(core, actor, params.account_id as number, params.name as string, value)
    },
  },
})
