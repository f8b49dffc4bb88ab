import type { DialectOptions } from '../../dialect.ts'
import { listUserAccounts } from '../../../core/accounts/index.ts'
import { listUserPermissions, listUserRoles, setUserPermission, setUserRole } from '../../../core/users/index.ts'
import { ACCOUNT_FILTERS, accountOut, listQueryIn, permissionOut, roleOut, userOut } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** A user's roles, direct permissions and owned accounts (spec/ictcore.md §4.10). */
export function userRelationRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.get('/users/:user_id/roles', async ({ actor, params }) => (await listUserRoles(core, actor, params.user_id as number)).map(roleOut))

  for (const grant of [true, false]) {
    const add = grant ? r.put.bind(r) : r.delete.bind(r)
    add('/users/:user_id/roles/:role_id', async ({ actor, params }) => {
      const u = await setUserRole(core, actor, params.user_id as number, params.role_id as number, grant)
      return userOut(u, u.isAdmin)
    }, { summary: grant ? 'Give a user a role' : 'Take a role from a user' })
    add('/users/:user_id/permissions/:permission_id', async ({ actor, params }) => {
      const u = await setUserPermission(core, actor, params.user_id as number, params.permission_id as number, grant)
      return userOut(u, u.isAdmin)
    }, { summary: grant ? 'Grant a user a permission' : 'Withdraw a permission from a user' })
  }

  r.get('/users/:user_id/permissions', async ({ actor, params }) => (await listUserPermissions(core, actor, params.user_id as number)).map(permissionOut))

  r.get('/users/:user_id/accounts', async ({ req, actor, params, query }) =>
    (await listUserAccounts(core, actor, params.user_id as number, listQueryIn(req, query, ACCOUNT_FILTERS))).map(accountOut))
}
