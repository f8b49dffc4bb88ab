import { deleteMessage } from '../../../core/messages/index.ts'
import { TrueReply } from '../resources/wire-schemas.ts'
import { ictcoreOperation } from '../router.ts'

/** `DELETE /messages/templates/{template_id}` (spec/ictcore.md §4.7): delete a template. */
export const deleteTemplateOp = ictcoreOperation({
  wireId: 'DELETE /messages/templates/{template_id}',
  methods: ['DELETE'],
  path: '/messages/templates/:template_id',
  summary: 'Delete a template',
  serve: {
    reply: TrueReply,
    aliases: ['/templates/:template_id'],
    handler: async ({ core, actor, params }) => {
      await deleteMessage(core, actor, 'template', params.template_id as number)
      return true
    },
  },
})
