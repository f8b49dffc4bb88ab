import { getSpool } from '../../../core/transmissions/index.ts'
import { spoolOut, SpoolWire } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /spools/{spool_id}` (spec/ictcore.md §4.8): read a spool. */
export const getSpoolOp = ictcoreOperation({
  wireId: 'GET /spools/{spool_id}',
  methods: ['GET'],
  path: '/spools/:spool_id',
  summary: 'Read a spool',
  serve: {
    reply: SpoolWire,
    handler: async ({ core, actor, params }) => spoolOut(await getSpool(core, actor, params.spool_id as number)),
  },
})
