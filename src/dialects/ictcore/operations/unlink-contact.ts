import { unlinkContact } from '../../../core/contacts/index.ts'
import { contactOut, ContactView } from '../resources/contacts.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /contacts/{contact_id}/link/{group_id}` (spec/ictcore.md §4.4): remove a contact from a group. */
export const unlinkContactOp = ictcoreOperation({
  wireId: 'DELETE /contacts/{contact_id}/link/{group_id}',
  methods: ['DELETE'],
  path: '/contacts/:contact_id/link/:group_id',
  summary: 'Remove a contact from a group',
  serve: {
    reply: ContactView,
    handler: async ({ core, actor, params }) =>
      contactOut(await unlinkContact(core, actor, params.contact_id as number, params.group_id as number)),
  },
})
