import { listMessages } from '../../../core/messages/index.ts'
import { listQueryIn } from '../codec.ts'
import { MESSAGE_FILTERS, MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/documents` (spec/ictcore.md §4.7): list documents. */
export const listDocumentsOp = ictcoreOperation({
  wireId: 'GET /messages/documents',
  methods: ['GET'],
  path: '/messages/documents',
  summary: 'List documents',
  serve: {
    reply: ListOf(MESSAGE_VIEWS.document), querystring: ListQuery(MESSAGE_FILTERS.document),
    aliases: ['/documents'],
    handler: async ({ core, req, actor, query }) => (await listMessages(core, actor, 'document', listQueryIn(req, query, MESSAGE_FILTERS.document))).map(messageOut),
  },
})
