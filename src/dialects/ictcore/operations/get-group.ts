import { getGroup } from '../../../core/contacts/index.ts'
import { groupOut, GroupView } from '../resources/groups.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /groups/{group_id}` (spec/ictcore.md §4.5): read a contact group. */
export const getGroupOp = ictcoreOperation({
  wireId: 'GET /groups/{group_id}',
  methods: ['GET'],
  path: '/groups/:group_id',
  summary: 'Read a contact group',
  serve: {
    reply: GroupView,
    handler: async ({ core, actor, params }) => groupOut(await getGroup(core, actor, params.group_id as number)),
  },
})
