import { listSpools } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { SPOOL_FILTERS, spoolOut, SpoolWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /spools` (spec/ictcore.md §4.8): list spools. */
export const listSpoolsOp = ictcoreOperation({
  wireId: 'GET /spools',
  methods: ['GET'],
  path: '/spools',
  summary: 'List spools',
  serve: {
    reply: ListOf(SpoolWire), querystring: ListQuery(SPOOL_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listSpools(core, actor, listQueryIn(req, query, SPOOL_FILTERS))).map(spoolOut),
  },
})
