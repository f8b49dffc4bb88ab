import { createProgram } from '../../../core/programs/index.ts'
import { programIn, TypedProgramBody, typeOfBody } from '../resources/programs.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /programs` (spec/ictcore.md §4.1): create a program of any type. */
export const createProgramOp = ictcoreOperation({
  wireId: 'POST /programs',
  methods: ['POST'],
  path: '/programs',
  summary: 'Create a program of any type',
  serve: {
    body: TypedProgramBody, reply: NewId('program_id'), errors: [501],
    handler: async ({ core, actor, body }) => createProgram(core, actor, typeOfBody(body), programIn(body)),
  },
})
