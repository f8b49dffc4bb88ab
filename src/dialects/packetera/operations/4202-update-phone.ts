import { updatePhone } from '../../../core/click-to-call/index.ts'
import { optionalField, phoneField, plainText } from '../fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 4202 UpdatePhone (spec/packetera.md §6): new number and/or name; answers the resulting number and name. */
export const updatePhoneTx = transaction({
  code: '4202', name: 'UpdatePhone',
  what: 'new number and/or name; answers the resulting number and name',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const number = phoneField(ctx.input, 'PhoneNumber', true)
    const newNumber = phoneField(ctx.input, 'NewPhoneNumber', false)
    const newName = plainText('NewPhoneName', optionalField(ctx.input, 'NewPhoneName', 20))
    const p = await updatePhone(ctx.core, actor, customerId, number, { newNumber, newName })
    return [['PhoneNumber', p.number], ['PhoneName', p.name]]
  },
})
