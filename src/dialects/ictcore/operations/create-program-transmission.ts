import { getProgram } from '../../../core/programs/index.ts'
import { createTransmission } from '../../../core/transmissions/index.ts'
import { transmissionIn } from '../resources/transmissions.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /programs/{program_id}/transmissions` (spec/ictcore.md §4.1): create a transmission of a program. */
export const createProgramTransmissionOp = ictcoreOperation({
  wireId: 'PUT, POST /programs/{program_id}/transmissions',
  methods: ['PUT', 'POST'],
  path: '/programs/:program_id/transmissions',
  summary: 'Create a transmission of a program',
  serve: {
    handler: async ({ core, actor, params, body }) => {
      const program = await getProgram(core, actor, params.program_id as number)
      return createTransmission(core, actor, { ...transmissionIn(body), programId: program.id })
    },
  },
})
