import { createMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, messageIn } from '../resources/messages.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/documents` (spec/ictcore.md §4.7): create a document. */
export const createDocumentOp = ictcoreOperation({
  wireId: 'POST /messages/documents',
  methods: ['POST'],
  path: '/messages/documents',
  summary: 'Create a document',
  serve: {
    body: MESSAGE_BODIES.document, reply: NewId('document_id'),
    aliases: ['/documents'],
    handler: async ({ core, actor, body }) => createMessage(core, actor, 'document', messageIn('document', body)),
  },
})
