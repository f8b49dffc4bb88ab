import { addPhone } from '../../../core/click-to-call/index.ts'
import { phoneField, plainText, requiredField } from '../fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 4101 AddNewPhoneNumber (spec/packetera.md §6): a duplicate (after normalisation) is 1008. */
export const addNewPhoneNumber = transaction({
  code: '4101', name: 'AddNewPhoneNumber',
  what: 'a duplicate (after normalisation) is 1008',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const number = phoneField(ctx.input, 'PhoneNumber', true)
    const name = plainText('PhoneName', requiredField(ctx.input, 'PhoneName', 20))
    const p = await addPhone(ctx.core, actor, customerId, { number, name })
    return [['PhoneNumber', p.number], ['PhoneName', p.name]]
  },
})
