import { createContact } from '../../../core/contacts/index.ts'
import { ContactBody, contactIn } from '../resources/contacts.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /contacts` (spec/ictcore.md §4.4): create a contact. */
export const createContactOp = ictcoreOperation({
  wireId: 'POST /contacts',
  methods: ['POST'],
  path: '/contacts',
  summary: 'Create a contact',
  serve: {
    body: ContactBody, reply: NewId('contact_id'),
    handler: async ({ core, actor, body }) => createContact(core, actor, contactIn(body)),
  },
})
