import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /calls` (spec/ictcore.md §4.3): list transmissions of service 1 (calls). */
export const listCallsOp = ictcoreOperation({
  wireId: 'GET /calls',
  methods: ['GET'],
  path: '/calls',
  summary: 'List transmissions of service 1 (calls)',
  serve: {
    reply: ListOf(TransmissionWire), querystring: ListQuery(TRANSMISSION_FILTERS),
    handler: async ({ core, req, actor, query }) =>
      (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS), { serviceFlag: 1 })).map(transmissionOut),
  },
})
