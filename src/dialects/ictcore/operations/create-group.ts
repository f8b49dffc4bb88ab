import { createGroup } from '../../../core/contacts/index.ts'
import { GroupBody, groupIn } from '../resources/groups.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /groups` (spec/ictcore.md §4.5): create a contact group. */
export const createGroupOp = ictcoreOperation({
  wireId: 'POST /groups',
  methods: ['POST'],
  path: '/groups',
  summary: 'Create a contact group',
  serve: {
    body: GroupBody, reply: NewId('group_id'),
    handler: async ({ core, actor, body }) => createGroup(core, actor, groupIn(body)),
  },
})
