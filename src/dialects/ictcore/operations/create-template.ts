import { createMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, messageIn } from '../resources/messages.ts'
import { NewId } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `POST /messages/templates` (spec/ictcore.md §4.7): create a template. */
export const createTemplateOp = ictcoreOperation({
  wireId: 'POST /messages/templates',
  methods: ['POST'],
  path: '/messages/templates',
  summary: 'Create a template',
  serve: {
    body: MESSAGE_BODIES.template, reply: NewId('template_id'),
    aliases: ['/templates'],
    handler: async ({ core, actor, body }) => createMessage(core, actor, 'template', messageIn('template', body)),
  },
})
