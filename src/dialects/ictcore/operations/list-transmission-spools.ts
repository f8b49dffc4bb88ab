import { listTransmissionSpools } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { SPOOL_FILTERS, spoolOut, SpoolWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /transmissions/{transmission_id}/detail` (spec/ictcore.md §4.8): attempts (spools) of a transmission, oldest first. */
export const listTransmissionSpoolsOp = ictcoreOperation({
  wireId: 'GET /transmissions/{transmission_id}/detail',
  methods: ['GET'],
  path: '/transmissions/:transmission_id/detail',
  summary: 'Attempts (spools) of a transmission, oldest first',
  serve: {
    reply: ListOf(SpoolWire), querystring: ListQuery(SPOOL_FILTERS),
    aliases: ['/transmissions/:transmission_id/logs', '/transmissions/:transmission_id/spools'],
    handler: async ({ core, req, actor, params, query }) =>
      (await listTransmissionSpools(core, actor, params.transmission_id as number, listQueryIn(req, query, SPOOL_FILTERS))).map(spoolOut),
  },
})
