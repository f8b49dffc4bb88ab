import { importGroupCsv } from '../../../core/contacts/index.ts'
import { csvSource, DEFAULT_CSV_MAX_BYTES } from '../resources/groups.ts'
import { FileBody, NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /groups/{group_id}/csv` (spec/ictcore.md §8): import contacts from CSV into a group. */
export const importGroupCsvOp = ictcoreOperation({
  wireId: 'POST /groups/{group_id}/csv',
  methods: ['POST'],
  path: '/groups/:group_id/csv',
  summary: 'Import contacts from CSV into a group',
  serve: {
    body: FileBody('CSV (RFC 4180, no header; columns phone, first_name, last_name, email, address, custom1-3, description; §8)'),
    consumes: ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel', 'application/octet-stream', 'multipart/form-data'],
    reply: NewId('group_id'),
    errors: [411, 413, 415],
    handler: async ({ core, config, req, actor, params }) => {
      const id = params.group_id as number
      const source = await csvSource(req, config.csvMaxBytes ?? DEFAULT_CSV_MAX_BYTES)
      await importGroupCsv(core, actor, id, source)
      return id
    },
  },
})
