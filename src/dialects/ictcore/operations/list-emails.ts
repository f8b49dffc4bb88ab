import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /emails` (spec/ictcore.md §4.3): list transmissions of service 8 (emails). */
export const listEmailsOp = ictcoreOperation({
  wireId: 'GET /emails',
  methods: ['GET'],
  path: '/emails',
  summary: 'List transmissions of service 8 (emails)',
  serve: {
    handler: async ({ core, req, actor, query }) =>
      (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS), { serviceFlag: 8 })).map(transmissionOut),
  },
})
