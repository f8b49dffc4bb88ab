import { listPrograms } from '../../../core/programs/index.ts'
import { listQueryIn } from '../codec.ts'
import { PROGRAM_FILTERS, programOut, programTypeParam, ProgramWire } from '../resources/programs.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /programs/{type}` (spec/ictcore.md §4.1): list programs of one type. */
export const listProgramsOfTypeOp = ictcoreOperation({
  wireId: 'GET /programs/{type}',
  methods: ['GET'],
  path: '/programs/:type',
  summary: 'List programs of one type',
  serve: {
    reply: ListOf(ProgramWire), querystring: ListQuery(PROGRAM_FILTERS), errors: [501],
    handler: async ({ core, req, actor, params, query }) => {
      const type = programTypeParam(params.type)
      return (await listPrograms(core, actor, listQueryIn(req, query, PROGRAM_FILTERS), { type })).map(programOut)
    },
  },
})
