import { createMessage } from '../../../core/messages/index.ts'
import { messageIn } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/documents` (spec/ictcore.md §4.7): create a document. */
export const createDocumentOp = ictcoreOperation({
  wireId: 'POST /messages/documents',
  methods: ['POST'],
  path: '/messages/documents',
  summary: 'Create a document',
  serve: {
    aliases: ['/documents'],
    handler: async ({ core, actor, body }) => createMessage(core, actor, 'document', messageIn('document', body)),
  },
})
