import { storeMedia } from '../../../core/messages/index.ts'
import { mediaUpload, storing } from '../resources/media.ts'
import { FileBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/documents/{document_id}/media` (spec/ictcore.md §9): replace the media of a document. */
export const replaceDocumentMediaOp = ictcoreOperation({
  wireId: 'PUT /messages/documents/{document_id}/media',
  methods: ['PUT'],
  path: '/messages/documents/:document_id/media',
  summary: 'Replace the media of a document',
  serve: {
    body: FileBody('The file: raw bytes of its type, multipart/form-data, a data URL sent as Content-Type: base64, or octet-stream (sniffed); §9'),
    consumes: ['application/pdf', 'image/tiff', 'image/png', 'image/jpeg', 'multipart/form-data', 'application/octet-stream'],
    reply: NewId('document_id'),
    errors: [411, 413, 415, 417],
    aliases: ['/documents/:document_id/media'],
    handler: async ({ core, req, actor, params }) =>
      storing('document', () => storeMedia(core, actor, 'document', params.document_id as number, mediaUpload(req, 'document'), 'replace')),
  },
})
