import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /emails` (spec/ictcore.md §4.3): list transmissions of service 8 (emails). */
export const listEmailsOp = ictcoreOperation({
  wireId: 'GET /emails',
  methods: ['GET'],
  path: '/emails',
  summary: 'List transmissions of service 8 (emails)',
  serve: {
    reply: ListOf(TransmissionWire), querystring: ListQuery(TRANSMISSION_FILTERS),
    handler: async ({ core, req, actor, query }) =>
      (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS), { serviceFlag: 8 })).map(transmissionOut),
  },
})
