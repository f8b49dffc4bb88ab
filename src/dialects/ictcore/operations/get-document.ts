import { getMessage } from '../../../core/messages/index.ts'
import { MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/documents/{document_id}` (spec/ictcore.md §4.7): read a document. */
export const getDocumentOp = ictcoreOperation({
  wireId: 'GET /messages/documents/{document_id}',
  methods: ['GET'],
  path: '/messages/documents/:document_id',
  summary: 'Read a document',
  serve: {
    reply: MESSAGE_VIEWS.document,
    aliases: ['/documents/:document_id'],
    handler: async ({ core, actor, params }) => messageOut(await getMessage(core, actor, 'document', params.document_id as number)),
  },
})
