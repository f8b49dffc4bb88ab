import { getProgram } from '../../../core/programs/index.ts'
import { createTransmission } from '../../../core/transmissions/index.ts'
import { TransmissionBody, transmissionIn } from '../resources/transmissions.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /programs/{program_id}/transmissions` (spec/ictcore.md §4.1): create a transmission of a program. */
export const createProgramTransmissionOp = ictcoreOperation({
  wireId: 'PUT, POST /programs/{program_id}/transmissions',
  methods: ['PUT', 'POST'],
  path: '/programs/:program_id/transmissions',
  summary: 'Create a transmission of a program',
  serve: {
    body: TransmissionBody, reply: NewId('transmission_id'),
    handler: async ({ core, actor, params, body }) => {
      const program = await getProgram(core, actor, params.program_id as number)
      return createTransmission(core, actor, { ...transmissionIn(body), programId: program.id })
    },
  },
})
