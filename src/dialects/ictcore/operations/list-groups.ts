import { listGroups } from '../../../core/contacts/index.ts'
import { listQueryIn } from '../codec.ts'
import { GROUP_FILTERS, groupOut, GroupView } from '../resources/groups.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /groups` (spec/ictcore.md §4.5): list contact groups. */
export const listGroupsOp = ictcoreOperation({
  wireId: 'GET /groups',
  methods: ['GET'],
  path: '/groups',
  summary: 'List contact groups',
  serve: {
    reply: ListOf(GroupView), querystring: ListQuery(GROUP_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listGroups(core, actor, listQueryIn(req, query, GROUP_FILTERS))).map(groupOut),
  },
})
