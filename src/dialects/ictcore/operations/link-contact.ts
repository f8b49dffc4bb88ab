import { linkContact } from '../../../core/contacts/index.ts'
import { contactOut, ContactView } from '../resources/contacts.ts'
import { EmptyBody } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /contacts/{contact_id}/link/{group_id}` (spec/ictcore.md §4.4): add a contact to a group. */
export const linkContactOp = ictcoreOperation({
  wireId: 'PUT /contacts/{contact_id}/link/{group_id}',
  methods: ['PUT'],
  path: '/contacts/:contact_id/link/:group_id',
  summary: 'Add a contact to a group',
  serve: {
    body: EmptyBody, reply: ContactView,
    handler: async ({ core, actor, params }) =>
      contactOut(await linkContact(core, actor, params.contact_id as number, params.group_id as number)),
  },
})
