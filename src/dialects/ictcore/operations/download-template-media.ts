import { downloadMedia } from '../../../core/messages/index.ts'
import { FileReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/templates/{template_id}/media` (spec/ictcore.md §9): download the media of a template. */
export const downloadTemplateMediaOp = ictcoreOperation({
  wireId: 'GET /messages/templates/{template_id}/media',
  methods: ['GET'],
  path: '/messages/templates/:template_id/media',
  summary: 'Download the media of a template',
  serve: {
    reply: FileReply('The stored file with its type; §9'), produces: ['application/octet-stream'],
    aliases: ['/templates/:template_id/media'],
    handler: async ({ core, reply, actor, params }) => {
      const id = params.template_id as number
      const file = await downloadMedia(core, actor, 'template', id)
      reply.code(200)
        .header('content-type', file.mime)
        .header('content-length', String(file.bytes.length))
        .header('content-disposition', `attachment; filename="template_${id}.${file.ext}"`)
        // Served as the type it was checked to be: browsers must not guess another (#13 finding 7).
        .header('x-content-type-options', 'nosniff')
      // Awaiting the reply waits until it is written, so the dispatcher sees it as sent.
      await reply.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length))
      return undefined
    },
  },
})
