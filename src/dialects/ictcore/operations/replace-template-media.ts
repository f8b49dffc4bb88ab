import { storeMedia } from '../../../core/messages/index.ts'
import { mediaUpload, storing } from '../resources/media.ts'
import { FileBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /messages/templates/{template_id}/media` (spec/ictcore.md §9): replace the media of a template. */
export const replaceTemplateMediaOp = ictcoreOperation({
  wireId: 'PUT, POST /messages/templates/{template_id}/media',
  methods: ['PUT', 'POST'],
  path: '/messages/templates/:template_id/media',
  summary: 'Replace the media of a template',
  serve: {
    body: FileBody('The file: raw bytes of its type, multipart/form-data, a data URL sent as Content-Type: base64, or octet-stream (sniffed); §9'),
    consumes: ['application/octet-stream', 'multipart/form-data'],
    reply: NewId('template_id'),
    errors: [411, 413, 415, 417],
    aliases: ['/templates/:template_id/media'],
    handler: async ({ core, req, actor, params }) =>
      storing('template', () => storeMedia(core, actor, 'template', params.template_id as number, mediaUpload(req, 'template'), 'replace')),
  },
})
