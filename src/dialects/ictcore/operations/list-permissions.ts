import { listPermissions } from '../../../core/users/index.ts'
import { listQueryIn, PERMISSION_FILTERS, permissionOut } from '../codec.ts'
import { PermissionView } from '../resources/users.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /permissions` (spec/ictcore.md §4.10): list permissions. */
export const listPermissionsOp = ictcoreOperation({
  wireId: 'GET /permissions',
  methods: ['GET'],
  path: '/permissions',
  summary: 'List permissions',
  serve: {
    reply: ListOf(PermissionView), querystring: ListQuery(PERMISSION_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listPermissions(core, actor, listQueryIn(req, query, PERMISSION_FILTERS))).map(permissionOut),
  },
})
