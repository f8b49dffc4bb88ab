import { getProgram } from '../../../core/programs/index.ts'
import { programOut, ProgramWire } from '../resources/programs.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /programs/{program_id}` (spec/ictcore.md §4.1): read a program. */
export const getProgramOp = ictcoreOperation({
  wireId: 'GET /programs/{program_id}',
  methods: ['GET'],
  path: '/programs/:program_id',
  summary: 'Read a program',
  serve: {
    reply: ProgramWire,
    handler: async ({ core, actor, params }) => programOut(await getProgram(core, actor, params.program_id as number)),
  },
})
