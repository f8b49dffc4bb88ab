import { getContact } from '../../../core/contacts/index.ts'
import { contactOut, ContactView } from '../resources/contacts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /contacts/{contact_id}` (spec/ictcore.md §4.4): read a contact. */
export const getContactOp = ictcoreOperation({
  wireId: 'GET /contacts/{contact_id}',
  methods: ['GET'],
  path: '/contacts/:contact_id',
  summary: 'Read a contact',
  serve: {
    reply: ContactView,
    handler: async ({ core, actor, params }) => contactOut(await getContact(core, actor, params.contact_id as number)),
  },
})
