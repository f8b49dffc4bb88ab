import { updateMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, MESSAGE_VIEWS, messageIn, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/documents/{document_id}` (spec/ictcore.md §4.7): update a document. */
export const updateDocumentOp = ictcoreOperation({
  wireId: 'PUT /messages/documents/{document_id}',
  methods: ['PUT'],
  path: '/messages/documents/:document_id',
  summary: 'Update a document',
  serve: {
    body: MESSAGE_BODIES.document, reply: MESSAGE_VIEWS.document,
    aliases: ['/documents/:document_id'],
    handler: async ({ core, actor, params, body }) =>
      messageOut(await updateMessage(core, actor, 'document', params.document_id as number, messageIn('document', body))),
  },
})
