import { listContacts } from '../../../core/contacts/index.ts'
import { listQueryIn } from '../codec.ts'
import { CONTACT_FILTERS, contactOut, ContactView } from '../resources/contacts.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /contacts` (spec/ictcore.md §4.4): list contacts. */
export const listContactsOp = ictcoreOperation({
  wireId: 'GET /contacts',
  methods: ['GET'],
  path: '/contacts',
  summary: 'List contacts',
  serve: {
    reply: ListOf(ContactView), querystring: ListQuery(CONTACT_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listContacts(core, actor, listQueryIn(req, query, CONTACT_FILTERS))).map(contactOut),
  },
})
