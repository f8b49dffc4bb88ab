import { updateMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, MESSAGE_VIEWS, messageIn, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/texts/{text_id}` (spec/ictcore.md §4.7): update a text. */
export const updateTextOp = ictcoreOperation({
  wireId: 'PUT /messages/texts/{text_id}',
  methods: ['PUT'],
  path: '/messages/texts/:text_id',
  summary: 'Update a text',
  serve: {
    body: MESSAGE_BODIES.text, reply: MESSAGE_VIEWS.text,
    aliases: ['/texts/:text_id'],
    handler: async ({ core, actor, params, body }) =>
      messageOut(await updateMessage(core, actor, 'text', params.text_id as number, messageIn('text', body))),
  },
})
