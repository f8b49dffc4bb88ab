import { updateMessage } from '../../../core/messages/index.ts'
import { MESSAGE_BODIES, MESSAGE_VIEWS, messageIn, messageOut } from '../resources/messages.ts'
import { ictcoreOperation } from '../router.ts'

/** `PUT /messages/templates/{template_id}` (spec/ictcore.md §4.7): update a template. */
export const updateTemplateOp = ictcoreOperation({
  wireId: 'PUT /messages/templates/{template_id}',
  methods: ['PUT'],
  path: '/messages/templates/:template_id',
  summary: 'Update a template',
  serve: {
    body: MESSAGE_BODIES.template, reply: MESSAGE_VIEWS.template,
    aliases: ['/templates/:template_id'],
    handler: async ({ core, actor, params, body }) =>
      messageOut(await updateMessage(core, actor, 'template', params.template_id as number, messageIn('template', body))),
  },
})
