import { updateProgram } from '../../../core/programs/index.ts'
import { ProgramBody, programIn, programOut, ProgramWire } from '../resources/programs.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /programs/{program_id}` (spec/ictcore.md §4.1): update a program. */
export const updateProgramOp = ictcoreOperation({
  wireId: 'PUT /programs/{program_id}',
  methods: ['PUT'],
  path: '/programs/:program_id',
  summary: 'Update a program',
  serve: {
    body: ProgramBody, reply: ProgramWire,
    handler: async ({ core, actor, params, body }) => programOut(await updateProgram(core, actor, params.program_id as number, programIn(body))),
  },
})
