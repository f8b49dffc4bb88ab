import { deleteMessage } from '../../../core/messages/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /messages/documents/{document_id}` (spec/ictcore.md §4.7): delete a document. */
export const deleteDocumentOp = ictcoreOperation({
  wireId: 'DELETE /messages/documents/{document_id}',
  methods: ['DELETE'],
  path: '/messages/documents/:document_id',
  summary: 'Delete a document',
  serve: {
    reply: TrueReply,
    aliases: ['/documents/:document_id'],
    handler: async ({ core, actor, params }) => {
      await deleteMessage(core, actor, 'document', params.document_id as number)
      return true
    },
  },
})
