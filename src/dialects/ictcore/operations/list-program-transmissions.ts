import { getProgram } from '../../../core/programs/index.ts'
import { listTransmissions } from '../../../core/transmissions/index.ts'
import { listQueryIn } from '../codec.ts'
import { TRANSMISSION_FILTERS, transmissionOut, TransmissionWire } from '../resources/transmissions.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /programs/{program_id}/transmissions` (spec/ictcore.md §4.1): list the transmissions of a program. */
export const listProgramTransmissionsOp = ictcoreOperation({
  wireId: 'GET /programs/{program_id}/transmissions',
  methods: ['GET'],
  path: '/programs/:program_id/transmissions',
  summary: 'List the transmissions of a program',
  serve: {
    reply: ListOf(TransmissionWire), querystring: ListQuery(TRANSMISSION_FILTERS),
    handler: async ({ core, req, actor, params, query }) => {
      const program = await getProgram(core, actor, params.program_id as number)
      return (await listTransmissions(core, actor, listQueryIn(req, query, TRANSMISSION_FILTERS), { programId: program.id })).map(transmissionOut)
    },
  },
})
