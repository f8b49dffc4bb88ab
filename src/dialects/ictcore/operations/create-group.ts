import { createGroup } from '../../../core/contacts/index.ts'
import { groupIn } from '../resources/groups.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /groups` (spec/ictcore.md §4.5): create a contact group. */
export const createGroupOp = ictcoreOperation({
  wireId: 'POST /groups',
  methods: ['POST'],
  path: '/groups',
  summary: 'Create a contact group',
  serve: {
    handler: async ({ core, actor, body }) => createGroup(core, actor, groupIn(body)),
  },
})
