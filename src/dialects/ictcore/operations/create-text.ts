import { createMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, messageIn } from '../resources/messages.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/texts` (spec/ictcore.md §4.7): create a text. */
export const createTextOp = ictcoreOperation({
  wireId: 'POST /messages/texts',
  methods: ['POST'],
  path: '/messages/texts',
  summary: 'Create a text',
  serve: {
    body: MESSAGE_BODIES.text, reply: NewId('text_id'),
    aliases: ['/texts'],
    handler: async ({ core, actor, body }) => createMessage(core, actor, 'text', messageIn('text', body)),
  },
})
