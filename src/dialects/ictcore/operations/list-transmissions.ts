import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /transmissions` (spec/ictcore.md §4.3): list transmissions. */
export const listTransmissionsOp = ictcoreOperation({
  wireId: 'GET /transmissions',
  methods: ['GET'],
  path: '/transmissions',
  summary: 'List transmissions',
  serve: {
    reply: ListOf(TransmissionWire), querystring: ListQuery(TRANSMISSION_FILTERS),
    handler: async ({ core, req, actor, query }) =>
      (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS))).map(transmissionOut),
  },
})
