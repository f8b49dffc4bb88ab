import { getMessage } from '../../../core/messages/index.ts'
import { MESSAGE_VIEWS, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `GET /messages/templates/{template_id}` (spec/ictcore.md §4.7): read a template. */
export const getTemplateOp = ictcoreOperation({
  wireId: 'GET /messages/templates/{template_id}',
  methods: ['GET'],
  path: '/messages/templates/:template_id',
  summary: 'Read a template',
  serve: {
    reply: MESSAGE_VIEWS.template,
    aliases: ['/templates/:template_id'],
    handler: async ({ core, actor, params }) => messageOut(await getMessage(core, actor, 'template', params.template_id as number)),
  },
})
