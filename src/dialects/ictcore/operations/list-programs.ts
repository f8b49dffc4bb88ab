import { listPrograms } from '../../../core/programs/index.ts'
import { listQueryIn } from '../codec.ts'
import { PROGRAM_FILTERS, programOut, ProgramWire } from '../resources/programs.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /programs` (spec/ictcore.md §4.1): list programs. */
export const listProgramsOp = ictcoreOperation({
  wireId: 'GET /programs',
  methods: ['GET'],
  path: '/programs',
  summary: 'List programs',
  serve: {
    reply: ListOf(ProgramWire), querystring: ListQuery(PROGRAM_FILTERS),
    handler: async ({ core, req, actor, query }) => (await listPrograms(core, actor, listQueryIn(req, query, PROGRAM_FILTERS))).map(programOut),
  },
})
