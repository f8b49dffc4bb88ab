import { updateMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, MESSAGE_VIEWS, messageIn, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/recordings/{recording_id}` (spec/ictcore.md §4.7): update a recording. */
export const updateRecordingOp = ictcoreOperation({
  wireId: 'PUT /messages/recordings/{recording_id}',
  methods: ['PUT'],
  path: '/messages/recordings/:recording_id',
  summary: 'Update a recording',
  serve: {
    body: MESSAGE_BODIES.recording, reply: MESSAGE_VIEWS.recording,
    aliases: ['/recordings/:recording_id'],
    handler: async ({ core, actor, params, body }) =>
      messageOut(await updateMessage(core, actor, 'recording', params.recording_id as number, messageIn('recording', body))),
  },
})
