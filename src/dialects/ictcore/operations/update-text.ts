import { updateMessage } from '../../../core/messages/index.ts'
import { messageIn, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/texts/{text_id}` (spec/ictcore.md §4.7): update a text. */
export const updateTextOp = ictcoreOperation({
  wireId: 'PUT /messages/texts/{text_id}',
  methods: ['PUT'],
  path: '/messages/texts/:text_id',
  summary: 'Update a text',
  serve: {
    aliases: ['/texts/:text_id'],
    handler: async ({ core, actor, params, body }) =>
      messageOut(await updateMessage(core, actor, 'text', params.text_id as number, messageIn('text', body))),
  },
})
