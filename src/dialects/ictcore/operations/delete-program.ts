import { deleteProgram } from '../../../core/programs/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /programs/{program_id}` (spec/ictcore.md §4.1): delete a program. */
export const deleteProgramOp = ictcoreOperation({
  wireId: 'DELETE /programs/{program_id}',
  methods: ['DELETE'],
  path: '/programs/:program_id',
  summary: 'Delete a program',
  serve: {
    reply: TrueReply, errors: [423],
    handler: async ({ core, actor, params }) => {
      await deleteProgram(core, actor, params.program_id as number)
      return true
    },
  },
})
