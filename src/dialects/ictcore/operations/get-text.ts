import { getMessage } from '../../../core/messages/index.ts'
import { MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/texts/{text_id}` (spec/ictcore.md §4.7): read a text. */
export const getTextOp = ictcoreOperation({
  wireId: 'GET /messages/texts/{text_id}',
  methods: ['GET'],
  path: '/messages/texts/:text_id',
  summary: 'Read a text',
  serve: {
    reply: MESSAGE_VIEWS.text,
    aliases: ['/texts/:text_id'],
    handler: async ({ core, actor, params }) => messageOut(await getMessage(core, actor, 'text', params.text_id as number)),
  },
})
