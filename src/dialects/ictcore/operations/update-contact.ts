import { updateContact } from '../../../core/contacts/index.ts'
import { ContactBody, contactIn, contactOut, ContactView } from '../resources/contacts.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /contacts/{contact_id}` (spec/ictcore.md §4.4): update a contact. */
export const updateContactOp = ictcoreOperation({
  wireId: 'PUT /contacts/{contact_id}',
  methods: ['PUT'],
  path: '/contacts/:contact_id',
  summary: 'Update a contact',
  serve: {
    body: ContactBody, reply: ContactView,
    handler: async ({ core, actor, params, body }) => contactOut(await updateContact(core, actor, params.contact_id as number, contactIn(body))),
  },
})
