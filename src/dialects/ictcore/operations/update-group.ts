import { updateGroup } from '../../../core/contacts/index.ts'
import { GroupBody, groupIn, groupOut, GroupView } from '../resources/groups.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /groups/{group_id}` (spec/ictcore.md §4.5): update a contact group. */
export const updateGroupOp = ictcoreOperation({
  wireId: 'PUT /groups/{group_id}',
  methods: ['PUT'],
  path: '/groups/:group_id',
  summary: 'Update a contact group',
  serve: {
    body: GroupBody, reply: GroupView,
    handler: async ({ core, actor, params, body }) => groupOut(await updateGroup(core, actor, params.group_id as number, groupIn(body))),
  },
})
