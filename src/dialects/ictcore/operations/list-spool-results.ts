import { listSpoolResults } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { RESULT_FILTERS, resultOut, ResultWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /spools/{spool_id}/result` (spec/ictcore.md §4.8): results of a spool. */
export const listSpoolResultsOp = ictcoreOperation({
  wireId: 'GET /spools/{spool_id}/result',
  methods: ['GET'],
  path: '/spools/:spool_id/result',
  summary: 'Results of a spool',
  serve: {
    reply: ListOf(ResultWire), querystring: ListQuery(RESULT_FILTERS),
    aliases: ['/spools/:spool_id/results'],
    handler: async ({ core, req, actor, params, query }) =>
      (await listSpoolResults(core, actor, params.spool_id as number, listQueryIn(req, query, RESULT_FILTERS))).map(resultOut),
  },
})
