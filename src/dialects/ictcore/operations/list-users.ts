import { listUsers } from '../../../core/users/index.ts'
import { listQueryIn, USER_FILTERS, userOut } from '../codec.ts'
import { UserView } from '../resources/users.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /users` (spec/ictcore.md §4.10): list users. */
export const listUsersOp = ictcoreOperation({
  wireId: 'GET /users',
  methods: ['GET'],
  path: '/users',
  summary: 'List users',
  serve: {
    reply: ListOf(UserView), querystring: ListQuery(USER_FILTERS),
    handler: async ({ core, req, actor, query }) => {
      const list = await listUsers(core, actor, listQueryIn(req, query, USER_FILTERS))
      return list.map((u) => userOut(u, u.isAdmin))
    },
  },
})
