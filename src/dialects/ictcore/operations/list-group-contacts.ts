import { getGroup, listContacts } from '../../../core/contacts/index.ts'
import { listQueryIn } from '../codec.ts'
import { CONTACT_FILTERS, contactOut, ContactView } from '../resources/contacts.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /groups/{group_id}/contacts` (spec/ictcore.md §4.5): contacts of a group. */
export const listGroupContactsOp = ictcoreOperation({
  wireId: 'GET /groups/{group_id}/contacts',
  methods: ['GET'],
  path: '/groups/:group_id/contacts',
  summary: 'Contacts of a group',
  serve: {
    reply: ListOf(ContactView), querystring: ListQuery(CONTACT_FILTERS),
    handler: async ({ core, req, actor, params, query }) => {
      const id = params.group_id as number
      await getGroup(core, actor, id)
      return (await listContacts(core, actor, listQueryIn(req, query, CONTACT_FILTERS), { groupId: id })).map(contactOut)
    },
  },
})
