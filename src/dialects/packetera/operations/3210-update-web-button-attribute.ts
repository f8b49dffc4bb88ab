import { setButtonAttribute } from '../../../core/click-to-call/index.ts'
import { attributeFields } from '../button-fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 3210 UpdateWebButtonAttribute (spec/packetera.md §6): Type, URL, LinkText, ToolTips; echoes the stored value. */
export const updateWebButtonAttribute = transaction({
  code: '3210', name: 'UpdateWebButtonAttribute',
  what: 'Type, URL, LinkText, ToolTips; echoes the stored value',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const f = attributeFields(ctx.input)
    const set = await setButtonAttribute(ctx.core, actor, customerId, f.guid, f.name, f.value)
    return [['ButtonGUID', f.guid], ['AttributeName', set.name], ['AttributeValue', set.value]]
  },
})
