import { getCsvImportReport } from '../../../core/contacts/index.ts'
import { CsvReportView, reportOut } from '../resources/groups.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /groups/{group_id}/csv/report` (spec/ictcore.md §8): report of the last CSV import of a group. */
export const getGroupCsvReportOp = ictcoreOperation({
  wireId: 'GET /groups/{group_id}/csv/report',
  methods: ['GET'],
  path: '/groups/:group_id/csv/report',
  summary: 'Report of the last CSV import of a group',
  serve: {
    reply: CsvReportView,
    handler: async ({ core, actor, params }) => reportOut(await getCsvImportReport(core, actor, params.group_id as number)),
  },
})
