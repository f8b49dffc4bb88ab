import { listRoles } from '../../../core/users/index.ts'
import { listQueryIn, ROLE_FILTERS, roleOut } from '../codec.ts'
import { RoleView } from '../resources/users.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /roles` (spec/ictcore.md §4.10): list roles. */
export const listRolesOp = ictcoreOperation({
  wireId: 'GET /roles',
  methods: ['GET'],
  path: '/roles',
  summary: 'List roles',
  serve: {
    reply: ListOf(RoleView), querystring: ListQuery(ROLE_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listRoles(core, actor, listQueryIn(req, query, ROLE_FILTERS))).map(roleOut),
  },
})
