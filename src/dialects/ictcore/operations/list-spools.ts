import { listSpools } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { SPOOL_FILTERS, spoolOut } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /spools` (spec/ictcore.md §4.8): list spools. */
export const listSpoolsOp = ictcoreOperation({
  wireId: 'GET /spools',
  methods: ['GET'],
  path: '/spools',
  summary: 'List spools',
  serve: {
    handler: async ({ core, req, actor, query }) => (await listSpools(core, actor, listQueryIn(req, query, SPOOL_FILTERS))).map(spoolOut),
  },
})
