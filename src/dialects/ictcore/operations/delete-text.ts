import { deleteMessage } from '../../../core/messages/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /messages/texts/{text_id}` (spec/ictcore.md §4.7): delete a text. */
export const deleteTextOp = ictcoreOperation({
  wireId: 'DELETE /messages/texts/{text_id}',
  methods: ['DELETE'],
  path: '/messages/texts/:text_id',
  summary: 'Delete a text',
  serve: {
    reply: TrueReply,
    aliases: ['/texts/:text_id'],
    handler: async ({ core, actor, params }) => {
      await deleteMessage(core, actor, 'text', params.text_id as number)
      return true
    },
  },
})
