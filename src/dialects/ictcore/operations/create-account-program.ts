import { subscribeNewProgram } from '../../../core/programs/index.ts'
import { ProgramBody, programIn, programTypeParam } from '../resources/programs.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /accounts/{account_id}/programs/{type}` (spec/ictcore.md §4.9): create an inbound program for an account and subscribe it. */
export const createAccountProgramOp = ictcoreOperation({
  wireId: 'PUT /accounts/{account_id}/programs/{type}',
  methods: ['PUT'],
  path: '/accounts/:account_id/programs/:type',
  summary: 'Create an inbound program for an account and subscribe it',
  serve: {
    body: ProgramBody, reply: NewId('program_id (new, subscribed)'), errors: [501],
    handler: async ({ core, actor, params, body }) => {
      const type = programTypeParam(params.type)
      return subscribeNewProgram(core, actor, params.account_id as number, type, programIn(body))
    },
  },
})
