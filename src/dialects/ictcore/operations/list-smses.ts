import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /smses` (spec/ictcore.md §4.3): list transmissions of service 4 (SMSes). */
export const listSmsesOp = ictcoreOperation({
  wireId: 'GET /smses',
  methods: ['GET'],
  path: '/smses',
  summary: 'List transmissions of service 4 (SMSes)',
  serve: {
    reply: ListOf(TransmissionWire), querystring: ListQuery(TRANSMISSION_FILTERS),
    handler: async ({ core, req, actor, query }) =>
      (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS), { serviceFlag: 4 })).map(transmissionOut),
  },
})
