import type { DialectOptions } from '../../dialect.ts'
import { createPermission, deletePermission, getPermission, listPermissions, updatePermission } from '../../../core/users/index.ts'
import { listQueryIn, namedIn, PERMISSION_FILTERS, permissionOut } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** `/permissions` CRUD (spec/ictcore.md §4.10, §5.13). */
export function permissionRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.post('/permissions', async ({ actor, body }) => createPermission(core, actor, namedIn(body)), { summary: 'Create a permission' })
  r.get('/permissions', async ({ req, actor, query }) => (await listPermissions(core, actor, listQueryIn(req, query, PERMISSION_FILTERS))).map(permissionOut))
  r.get('/permissions/:permission_id', async ({ actor, params }) => permissionOut(await getPermission(core, actor, params.permission_id as number)))
  r.put('/permissions/:permission_id', async ({ actor, params, body }) =>
    permissionOut(await updatePermission(core, actor, params.permission_id as number, namedIn(body))))
  r.delete('/permissions/:permission_id', async ({ actor, params }) => {
    await deletePermission(core, actor, params.permission_id as number)
    return true
  })
}
