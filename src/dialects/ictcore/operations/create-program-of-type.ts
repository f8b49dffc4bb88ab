import { createProgram } from '../../../core/programs/index.ts'
import { programIn, programTypeParam } from '../resources/programs.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /programs/{type}` (spec/ictcore.md §4.2): create a program of one type. */
export const createProgramOfTypeOp = ictcoreOperation({
  wireId: 'POST /programs/{type}',
  methods: ['POST'],
  path: '/programs/:type',
  summary: 'Create a program of one type',
  serve: {
    handler: async ({ core, actor, params, body }) => {
      const type = programTypeParam(params.type)
      return createProgram(core, actor, type, programIn(body))
    },
  },
})
