import { deleteContact } from '../../../core/contacts/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /contacts/{contact_id}` (spec/ictcore.md §4.4): delete a contact. */
export const deleteContactOp = ictcoreOperation({
  wireId: 'DELETE /contacts/{contact_id}',
  methods: ['DELETE'],
  path: '/contacts/:contact_id',
  summary: 'Delete a contact',
  serve: {
    reply: TrueReply,
    handler: async ({ core, actor, params }) => {
      await deleteContact(core, actor, params.contact_id as number)
      return true
    },
  },
})
