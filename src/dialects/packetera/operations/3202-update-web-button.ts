import { updateButton } from '../../../core/click-to-call/index.ts'
import { guidField, optionalField, phoneField, plainText } from '../fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 3202 UpdateWebButton (spec/packetera.md §6): new name and/or phone (one of the member's). */
export const updateWebButton = transaction({
  code: '3202', name: 'UpdateWebButton',
  what: 'new name and/or phone (one of the member\'s)',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const guid = guidField(ctx.input, 'ButtonGUID')
    const phone = phoneField(ctx.input, 'PhoneNumber', false)
    const name = plainText('ButtonName', optionalField(ctx.input, 'ButtonName', 20))
    const b = await updateButton(ctx.core, actor, customerId, guid, { name, phone })
    return [['ButtonGUID', b.guid], ['ButtonName', b.name], ['PhoneNumber', b.phoneNumber]]
  },
})
