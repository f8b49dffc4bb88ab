import { checkSampleCsv, SAMPLE_CSV } from '../../../core/contacts/index.ts'
import { FileReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /groups/sample/csv` (spec/ictcore.md §8): a sample CSV file for group import. */
export const getSampleCsvOp = ictcoreOperation({
  wireId: 'GET /groups/sample/csv',
  methods: ['GET'],
  path: '/groups/sample/csv',
  summary: 'A sample CSV file for group import',
  serve: {
    reply: FileReply('Two sample lines (§8)'), produces: ['text/csv'],
    handler: async ({ reply, actor }) => {
      checkSampleCsv(actor)
      reply.code(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contact_sample.csv"')
      await reply.send(SAMPLE_CSV)
      return undefined
    },
  },
})
