import { listMessages } from '../../../core/messages/index.ts'
import { listQueryIn } from '../codec.ts'
import { MESSAGE_FILTERS, MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ListOf, ListQuery } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/recordings` (spec/ictcore.md §4.7): list recordings. */
export const listRecordingsOp = ictcoreOperation({
  wireId: 'GET /messages/recordings',
  methods: ['GET'],
  path: '/messages/recordings',
  summary: 'List recordings',
  serve: {
    reply: ListOf(MESSAGE_VIEWS.recording), querystring: ListQuery(MESSAGE_FILTERS.recording),
    aliases: ['/recordings'],
    handler: async ({ core, req, actor, query }) => (await listMessages(core, actor, 'recording', listQueryIn(req, query, MESSAGE_FILTERS.recording))).map(messageOut),
  },
})
