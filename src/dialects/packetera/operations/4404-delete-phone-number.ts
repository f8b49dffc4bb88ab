import { deletePhone } from '../../../core/click-to-call/index.ts'
import { phoneField } from '../fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 4404 DeletePhoneNumber (spec/packetera.md §6): not the default phone, nor one a button calls (1010). */
export const deletePhoneNumber = transaction({
  code: '4404', name: 'DeletePhoneNumber',
  what: 'not the default phone, nor one a button calls (1010)',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const number = phoneField(ctx.input, 'PhoneNumber', true)
    const p = await deletePhone(ctx.core, actor, customerId, number)
    return [['PhoneNumber', p.number]]
  },
})
