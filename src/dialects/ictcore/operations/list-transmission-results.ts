import { listTransmissionResults } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { RESULT_FILTERS, resultOut, ResultWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /transmissions/{transmission_id}/result` (spec/ictcore.md §4.8): results of the latest attempt of a transmission. */
export const listTransmissionResultsOp = ictcoreOperation({
  wireId: 'GET /transmissions/{transmission_id}/result',
  methods: ['GET'],
  path: '/transmissions/:transmission_id/result',
  summary: 'Results of the latest attempt of a transmission',
  serve: {
    reply: ListOf(ResultWire), querystring: ListQuery(RESULT_FILTERS),
    aliases: ['/transmissions/:transmission_id/results'],
    handler: async ({ core, req, actor, params, query }) =>
      (await listTransmissionResults(core, actor, params.transmission_id as number, listQueryIn(req, query, RESULT_FILTERS))).map(resultOut),
  },
})
