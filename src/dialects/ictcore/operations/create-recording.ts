import { createMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, messageIn } from '../resources/messages.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/recordings` (spec/ictcore.md §4.7): create a recording. */
export const createRecordingOp = ictcoreOperation({
  wireId: 'POST /messages/recordings',
  methods: ['POST'],
  path: '/messages/recordings',
  summary: 'Create a recording',
  serve: {
    body: MESSAGE_BODIES.recording, reply: NewId('recording_id'),
    aliases: ['/recordings'],
    handler: async ({ core, actor, body }) => createMessage(core, actor, 'recording', messageIn('recording', body)),
  },
})
