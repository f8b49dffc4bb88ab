import { storeMedia } from '../../../core/messages/index.ts'
import { mediaUpload, storing } from '../resources/media.ts'
import { FileBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /messages/recordings/{recording_id}/media` (spec/ictcore.md §9): replace the media of a recording. */
export const replaceRecordingMediaOp = ictcoreOperation({
  wireId: 'PUT, POST /messages/recordings/{recording_id}/media',
  methods: ['PUT', 'POST'],
  path: '/messages/recordings/:recording_id/media',
  summary: 'Replace the media of a recording',
  serve: {
    body: FileBody('The file: raw bytes of its type, multipart/form-data, a data URL sent as Content-Type: base64, or octet-stream (sniffed); §9'),
    consumes: ['audio/wav', 'audio/mpeg', 'audio/gsm', 'multipart/form-data', 'application/octet-stream'],
    reply: NewId('recording_id'),
    errors: [411, 413, 415, 417],
    aliases: ['/recordings/:recording_id/media'],
    handler: async ({ core, req, actor, params }) =>
      storing('recording', () => storeMedia(core, actor, 'recording', params.recording_id as number, mediaUpload(req, 'recording'), 'replace')),
  },
})
