import { deleteMessage } from '../../../core/messages/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /messages/recordings/{recording_id}` (spec/ictcore.md §4.7): delete a recording. */
export const deleteRecordingOp = ictcoreOperation({
  wireId: 'DELETE /messages/recordings/{recording_id}',
  methods: ['DELETE'],
  path: '/messages/recordings/:recording_id',
  summary: 'Delete a recording',
  serve: {
    reply: TrueReply,
    aliases: ['/recordings/:recording_id'],
    handler: async ({ core, actor, params }) => {
      await deleteMessage(core, actor, 'recording', params.recording_id as number)
      return true
    },
  },
})
