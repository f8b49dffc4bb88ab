import { spoolStatus } from '../../../core/transmissions/index.ts'
import { StatusReply } from '../resources/wire-schemas.ts'
import { SPOOL_STATES } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /spools/{spool_id}/status` (spec/ictcore.md §4.8): status of a spool. */
export const getSpoolStatusOp = ictcoreOperation({
  wireId: 'GET /spools/{spool_id}/status',
  methods: ['GET'],
  path: '/spools/:spool_id/status',
  summary: 'Status of a spool',
  serve: {
    reply: StatusReply(SPOOL_STATES),
    handler: async ({ core, actor, params }) => spoolStatus(core, actor, params.spool_id as number),
  },
})
