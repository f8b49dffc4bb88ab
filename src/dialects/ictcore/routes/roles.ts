import type { DialectOptions } from '../../dialect.ts'
import { createRole, deleteRole, getRole, listRolePermissions, listRoles, setRolePermission, updateRole } from '../../../core/users/index.ts'
import { listQueryIn, namedIn, permissionOut, ROLE_FILTERS, roleOut } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** `/roles` and `/roles/{role_id}/permissions` (spec/ictcore.md §4.10, §5.13). */
export function roleRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.post('/roles', async ({ actor, body }) => createRole(core, actor, namedIn(body)), { summary: 'Create a role' })
  r.get('/roles', async ({ req, actor, query }) => (await listRoles(core, actor, listQueryIn(req, query, ROLE_FILTERS))).map(roleOut))
  r.get('/roles/:role_id', async ({ actor, params }) => roleOut(await getRole(core, actor, params.role_id as number)))
  r.put('/roles/:role_id', async ({ actor, params, body }) => roleOut(await updateRole(core, actor, params.role_id as number, namedIn(body))))
  r.delete('/roles/:role_id', async ({ actor, params }) => {
    await deleteRole(core, actor, params.role_id as number)
    return true
  })
  r.get('/roles/:role_id/permissions', async ({ actor, params }) => (await listRolePermissions(core, actor, params.role_id as number)).map(permissionOut))
  r.put('/roles/:role_id/permissions/:permission_id', async ({ actor, params }) =>
    roleOut(await setRolePermission(core, actor, params.role_id as number, params.permission_id as number, true)))
  r.delete('/roles/:role_id/permissions/:permission_id', async ({ actor, params }) =>
    roleOut(await setRolePermission(core, actor, params.role_id as number, params.permission_id as number, false)))
}
