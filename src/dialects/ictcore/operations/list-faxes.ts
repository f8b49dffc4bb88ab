import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /faxes` (spec/ictcore.md §4.3): list transmissions of service 2 (faxes). */
export const listFaxesOp = ictcoreOperation({
  wireId: 'GET /faxes',
  methods: ['GET'],
  path: '/faxes',
  summary: 'List transmissions of service 2 (faxes)',
  serve: {
    reply: ListOf(TransmissionWire), querystring: ListQuery(TRANSMISSION_FILTERS),
    handler: async ({ core, req, actor, query }) =>
      (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS), { serviceFlag: 2 })).map(transmissionOut),
  },
})
