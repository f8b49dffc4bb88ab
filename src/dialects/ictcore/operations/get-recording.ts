import { getMessage } from '../../../core/messages/index.ts'
import { MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/recordings/{recording_id}` (spec/ictcore.md §4.7): read a recording. */
export const getRecordingOp = ictcoreOperation({
  wireId: 'GET /messages/recordings/{recording_id}',
  methods: ['GET'],
  path: '/messages/recordings/:recording_id',
  summary: 'Read a recording',
  serve: {
    reply: MESSAGE_VIEWS.recording,
    aliases: ['/recordings/:recording_id'],
    handler: async ({ core, actor, params }) => messageOut(await getMessage(core, actor, 'recording', params.recording_id as number)),
  },
})
