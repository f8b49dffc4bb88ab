import type { DialectOptions } from '../../dialect.ts'
import { changeUserPassword, createUser, deleteUser, getUser, listUsers, updateUser } from '../../../core/users/index.ts'
import { listQueryIn, passwordIn, USER_FILTERS, userIn, userOut } from '../codec.ts'
import type { IctcoreRouter } from '../router.ts'

/** `/users` CRUD and `/users/{user_id}/password` (spec/ictcore.md §4.10, §5.1). */
export function userRoutes(r: IctcoreRouter, { core }: DialectOptions): void {
  r.post('/users', async ({ req, actor, body }) => createUser(core, actor, userIn(req, body)), { summary: 'Create a user' })

  r.get('/users', async ({ req, actor, query }) => {
    const list = await listUsers(core, actor, listQueryIn(req, query, USER_FILTERS))
    return list.map((u) => userOut(u, u.isAdmin))
  }, { summary: 'List users' })

  r.get('/users/:user_id', async ({ actor, params }) => {
    const u = await getUser(core, actor, params.user_id as number)
    return userOut(u, u.isAdmin)
  }, { summary: 'Read a user' })

  r.put('/users/:user_id', async ({ req, actor, params, body }) => {
    const u = await updateUser(core, actor, params.user_id as number, userIn(req, body))
    return userOut(u, u.isAdmin)
  }, { summary: 'Update a user' })

  r.delete('/users/:user_id', async ({ actor, params }) => {
    await deleteUser(core, actor, params.user_id as number)
    return true
  }, { summary: 'Delete a user' })

  r.put('/users/:user_id/password', async ({ req, actor, params, body }) => {
    const u = await changeUserPassword(core, actor, params.user_id as number, passwordIn(req, body))
    return userOut(u, u.isAdmin)
  }, { summary: "Change a user's password" })
}
