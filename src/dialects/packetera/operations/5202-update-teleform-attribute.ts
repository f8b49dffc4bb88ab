import { setTeleformAttribute } from '../../../core/click-to-call/index.ts'
import { attributeFields, changeButtonTemplate } from '../button-fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 5202 UpdateTeleformAttribute (spec/packetera.md §6): a teleform attribute; with a template and no AttributeName, ChangeTemplate. */
export const updateTeleformAttribute = transaction({
  code: '5202', name: 'UpdateTeleformAttribute',
  what: 'width, height, headerimage, footerimage, backgroundcolour (a template without AttributeName: ChangeTemplate)',
  auth: 'member',
  async run(ctx) {
    const { input } = ctx
    if (input.get('AttributeName') === undefined && (input.get('TemplateID') !== undefined || input.get('TemplateName') !== undefined)) {
      return changeButtonTemplate(ctx)
    }
    const { actor, customerId } = memberScope(ctx)
    const f = attributeFields(input)
    const set = await setTeleformAttribute(ctx.core, actor, customerId, f.guid, f.name, f.value)
    return [['ButtonGUID', f.guid], ['AttributeName', set.name], ['AttributeValue', set.value]]
  },
})
