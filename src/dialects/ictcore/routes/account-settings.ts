import type { DialectOptions } from '../../dialect.ts'
import { deleteAccountSetting, getAccountSetting, putAccountSetting } from '../../../core/accounts/index.ts'
import { Invalid } from '../../../core/errors.ts'
import { settingValue } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** `/accounts/{account_id}/settings/{name}` (spec/ictcore.md §4.9). */
export function accountSettingRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.get('/accounts/:account_id/settings/:name', async ({ actor, params }) => getAccountSetting(core, actor, params.account_id as number, params.name as string))

  r.put('/accounts/:account_id/settings/:name', async ({ actor, params, body }) => {
    // `{"value": v}`, `{"data": v}` or a bare JSON scalar `v`.
    let raw: unknown = body
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>
      raw = b.value !== undefined ? b.value : b.data
    }
    const value = raw === undefined ? undefined : settingValue(raw)
    if (value === undefined && raw !== undefined) throw new Invalid('value', 'must be a scalar')
    return putAccountSetting(core, actor, params.account_id as number, params.name as string, value)
  })

  r.delete('/accounts/:account_id/settings/:name', async ({ actor, params }) => {
    await deleteAccountSetting(core, actor, params.account_id as number, params.name as string)
    return true
  })
}
