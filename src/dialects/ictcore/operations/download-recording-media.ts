import { downloadMedia } from '../../../core/messages/index.ts'
import { FileReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/recordings/{recording_id}/media` (spec/ictcore.md §9): download the media of a recording. */
export const downloadRecordingMediaOp = ictcoreOperation({
  wireId: 'GET /messages/recordings/{recording_id}/media',
  methods: ['GET'],
  path: '/messages/recordings/:recording_id/media',
  summary: 'Download the media of a recording',
  serve: {
    reply: FileReply('The stored file with its type; §9'), produces: ['application/octet-stream'],
    aliases: ['/recordings/:recording_id/media'],
    handler: async ({ core, reply, actor, params }) => {
      const id = params.recording_id as number
      const file = await downloadMedia(core, actor, 'recording', id)
      reply.code(200)
        .header('content-type', file.mime)
        .header('content-length', String(file.bytes.length))
        .header('content-disposition', `attachment; filename="recording_${id}.${file.ext}"`)
        // Served as the type it was checked to be: browsers must not guess another (#13 finding 7).
        .header('x-content-type-options', 'nosniff')
      // Awaiting the reply waits until it is written, so the dispatcher sees it as sent.
      await reply.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length))
      return undefined
    },
  },
})
