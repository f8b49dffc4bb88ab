import { createContact } from '../../../core/contacts/index.ts'
import { contactIn } from '../resources/contacts.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /contacts` (spec/ictcore.md §4.4): create a contact. */
export const createContactOp = ictcoreOperation({
  wireId: 'POST /contacts',
  methods: ['POST'],
  path: '/contacts',
  summary: 'Create a contact',
  serve: {
    handler: async ({ core, actor, body }) => createContact(core, actor, contactIn(body)),
  },
})
