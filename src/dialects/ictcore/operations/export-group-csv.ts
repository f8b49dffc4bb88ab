import { Readable } from 'node:stream'
import { exportGroupCsv } from '../../../core/contacts/index.ts'
import { FileReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /groups/{group_id}/csv` (spec/ictcore.md §8): export the contacts of a group as CSV. */
export const exportGroupCsvOp = ictcoreOperation({
  wireId: 'GET /groups/{group_id}/csv',
  methods: ['GET'],
  path: '/groups/:group_id/csv',
  summary: 'Export the contacts of a group as CSV',
  serve: {
    reply: FileReply('The group\'s contacts, one quoted line each (§8)'), produces: ['text/csv'],
    handler: async ({ core, reply, actor, params }) => {
      const id = params.group_id as number
      const chunks = await exportGroupCsv(core, actor, id)
      reply.code(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="group_${id}.csv"`)
      // Awaiting the reply waits until it is written, so the dispatcher sees it as sent.
      await reply.send(Readable.from(chunks))
      return undefined
    },
  },
})
