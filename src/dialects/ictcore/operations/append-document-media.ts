import { storeMedia } from '../../../core/messages/index.ts'
import { mediaUpload, storing } from '../resources/media.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/documents/{document_id}/media` (spec/ictcore.md §9): append a part to a document. */
export const appendDocumentMediaOp = ictcoreOperation({
  wireId: 'POST /messages/documents/{document_id}/media',
  methods: ['POST'],
  path: '/messages/documents/:document_id/media',
  summary: 'Append a part to a document',
  serve: {
    aliases: ['/documents/:document_id/media'],
    handler: async ({ core, req, actor, params }) =>
      storing('document', () => storeMedia(core, actor, 'document', params.document_id as number, mediaUpload(req, 'document'), 'append')),
  },
})
