import { createMessage } from '../../../core/messages/index.ts'
import { messageIn } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/texts` (spec/ictcore.md §4.7): create a text. */
export const createTextOp = ictcoreOperation({
  wireId: 'POST /messages/texts',
  methods: ['POST'],
  path: '/messages/texts',
  summary: 'Create a text',
  serve: {
    aliases: ['/texts'],
    handler: async ({ core, actor, body }) => createMessage(core, actor, 'text', messageIn('text', body)),
  },
})
