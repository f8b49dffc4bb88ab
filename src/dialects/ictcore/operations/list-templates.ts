import { listMessages } from '../../../core/messages/index.ts'
import { listQueryIn } from '../codec.ts'
import { MESSAGE_FILTERS, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/templates` (spec/ictcore.md §4.7): list templates. */
export const listTemplatesOp = ictcoreOperation({
  wireId: 'GET /messages/templates',
  methods: ['GET'],
  path: '/messages/templates',
  summary: 'List templates',
  serve: {
    aliases: ['/templates'],
    handler: async ({ core, req, actor, query }) => (await listMessages(core, actor, 'template', listQueryIn(req, query, MESSAGE_FILTERS.template))).map(messageOut),
  },
})
