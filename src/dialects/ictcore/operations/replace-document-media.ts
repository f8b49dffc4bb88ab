import { storeMedia } from '../../../core/messages/index.ts'
import { mediaUpload, storing } from '../resources/media.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/documents/{document_id}/media` (spec/ictcore.md §9): replace the media of a document. */
export const replaceDocumentMediaOp = ictcoreOperation({
  wireId: 'PUT /messages/documents/{document_id}/media',
  methods: ['PUT'],
  path: '/messages/documents/:document_id/media',
  summary: 'Replace the media of a document',
  serve: {
    aliases: ['/documents/:document_id/media'],
    handler: async ({ core, req, actor, params }) =>
      storing('document', () => storeMedia(core, actor, 'document', params.document_id as number, mediaUpload(req, 'document'), 'replace')),
  },
})
