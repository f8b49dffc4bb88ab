import { listMessages } from '../../../core/messages/index.ts'
import { listQueryIn } from '../codec.ts'
import { MESSAGE_FILTERS, MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/texts` (spec/ictcore.md §4.7): list texts. */
export const listTextsOp = ictcoreOperation({
  wireId: 'GET /messages/texts',
  methods: ['GET'],
  path: '/messages/texts',
  summary: 'List texts',
  serve: {
    reply: ListOf(MESSAGE_VIEWS.text), querystring: ListQuery(MESSAGE_FILTERS.text),
    aliases: ['/texts'],
    handler: async ({ core, req, actor, query }) => (await listMessages(core, actor, 'text', listQueryIn(req, query, MESSAGE_FILTERS.text))).map(messageOut),
  },
})
