import { createProgram } from '../../../core/programs/index.ts'
import { ProgramBody, programIn, programTypeParam } from '../resources/programs.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /programs/{type}` (spec/ictcore.md §4.2): create a program of one type. */
export const createProgramOfTypeOp = ictcoreOperation({
  wireId: 'POST /programs/{type}',
  methods: ['POST'],
  path: '/programs/:type',
  summary: 'Create a program of one type',
  serve: {
    body: ProgramBody, reply: NewId('program_id'), errors: [501],
    handler: async ({ core, actor, params, body }) => {
      const type = programTypeParam(params.type)
      return createProgram(core, actor, type, programIn(body))
    },
  },
})
