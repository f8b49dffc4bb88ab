import { addPhone, deletePhone, updatePhone } from '../../../core/click-to-call/index.ts'
import { optionalField, phoneField, plainText, requiredField } from '../fields.ts'
import { memberScope, type Transaction } from './transaction.ts'

/** 4101 AddNewPhoneNumber: a duplicate (after normalisation) is 1008. */
export const addNewPhoneNumber: Transaction = {
  name: 'AddNewPhoneNumber',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const number = phoneField(ctx.input, 'PhoneNumber', true)
    const name = plainText('PhoneName', requiredField(ctx.input, 'PhoneName', 20))
    const p = await addPhone(ctx.core, actor, customerId, { number, name })
    return [['PhoneNumber', p.number], ['PhoneName', p.name]]
  },
}

/** 4202 UpdatePhone: new number and/or name; answers the resulting number and name. */
export const updatePhoneTx: Transaction = {
  name: 'UpdatePhone',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const number = phoneField(ctx.input, 'PhoneNumber', true)
    const newNumber = phoneField(ctx.input, 'NewPhoneNumber', false)
    const newName = plainText('NewPhoneName', optionalField(ctx.input, 'NewPhoneName', 20))
    const p = await updatePhone(ctx.core, actor, customerId, number, { newNumber, newName })
    return [['PhoneNumber', p.number], ['PhoneName', p.name]]
  },
}

/** 4404 DeletePhoneNumber: not the default phone, nor one a button calls (1010). */
export const deletePhoneNumber: Transaction = {
  name: 'DeletePhoneNumber',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const number = phoneField(ctx.input, 'PhoneNumber', true)
    const p = await deletePhone(ctx.core, actor, customerId, number)
    return [['PhoneNumber', p.number]]
  },
}
