import { createProgramWithTransmission } from '../../../core/transmissions/index.ts'
import { bodyObject } from '../codec.ts'
import { programIn, programTypeParam } from '../resources/programs.ts'
import { ProgramWithTransmissionBody, transmissionIn } from '../resources/transmissions.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT, POST /programs/{type}/transmissions` (spec/ictcore.md §4.1): create a program and a transmission of it. */
export const createProgramWithTransmissionOp = ictcoreOperation({
  wireId: 'PUT, POST /programs/{type}/transmissions',
  methods: ['PUT', 'POST'],
  path: '/programs/:type/transmissions',
  summary: 'Create a program and a transmission of it',
  serve: {
    body: ProgramWithTransmissionBody, reply: NewId('transmission_id'), errors: [501],
    handler: async ({ core, actor, params, body }) => {
      const type = programTypeParam(params.type)
      const b = bodyObject(body)
      return createProgramWithTransmission(core, actor, type, programIn(b.program_data ?? {}), transmissionIn(b.transmission_data ?? {}))
    },
  },
})
