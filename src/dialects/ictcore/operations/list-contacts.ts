import { listContacts } from '../../../core/contacts/index.ts'
import { listQueryIn } from '../codec.ts'
import { CONTACT_FILTERS, contactOut } from '../resources/contacts.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /contacts` (spec/ictcore.md §4.4): list contacts. */
export const listContactsOp = ictcoreOperation({
  wireId: 'GET /contacts',
  methods: ['GET'],
  path: '/contacts',
  summary: 'List contacts',
  serve: {
    handler: async ({ core, req, actor, query }) => (await listContacts(core, actor, listQueryIn(req, query, CONTACT_FILTERS))).map(contactOut),
  },
})
