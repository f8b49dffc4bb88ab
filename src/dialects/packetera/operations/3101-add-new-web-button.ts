import { addButton } from '../../../core/click-to-call/index.ts'
import { optionalField, phoneField, plainText } from '../fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 3101 AddNewWebButton (spec/packetera.md §6): both fields optional (name `Web Button`, the default phone). */
export const addNewWebButton = transaction({
  code: '3101', name: 'AddNewWebButton',
  what: 'both fields optional (name `Web Button`, the default phone)',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const name = plainText('ButtonName', optionalField(ctx.input, 'ButtonName', 20))
    const phone = phoneField(ctx.input, 'PhoneNumber', false)
    const b = await addButton(ctx.core, actor, customerId, { name, phone })
    return [['ButtonGUID', b.guid]]
  },
})
