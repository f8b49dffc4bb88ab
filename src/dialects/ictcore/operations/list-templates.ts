import { listMessages } from '../../../core/messages/index.ts'
import { listQueryIn } from '../codec.ts'
import { MESSAGE_FILTERS, MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/templates` (spec/ictcore.md §4.7): list templates. */
export const listTemplatesOp = ictcoreOperation({
  wireId: 'GET /messages/templates',
  methods: ['GET'],
  path: '/messages/templates',
  summary: 'List templates',
  serve: {
    reply: ListOf(MESSAGE_VIEWS.template), querystring: ListQuery(MESSAGE_FILTERS.template),
    aliases: ['/templates'],
    handler: async ({ core, req, actor, query }) => (await listMessages(core, actor, 'template', listQueryIn(req, query, MESSAGE_FILTERS.template))).map(messageOut),
  },
})
