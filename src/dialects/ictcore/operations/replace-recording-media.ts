import { storeMedia } from '../../../core/messages/index.ts'
import { mediaUpload, storing } from '../resources/media.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /messages/recordings/{recording_id}/media` (spec/ictcore.md §9): replace the media of a recording. */
export const replaceRecordingMediaOp = ictcoreOperation({
  wireId: 'PUT, POST /messages/recordings/{recording_id}/media',
  methods: ['PUT', 'POST'],
  path: '/messages/recordings/:recording_id/media',
  summary: 'Replace the media of a recording',
  serve: {
    aliases: ['/recordings/:recording_id/media'],
    handler: async ({ core, req, actor, params }) =>
      storing('recording', () => storeMedia(core, actor, 'recording', params.recording_id as number, mediaUpload(req, 'recording'), 'replace')),
  },
})
