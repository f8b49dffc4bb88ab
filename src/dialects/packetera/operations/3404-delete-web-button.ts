import { deleteButton } from '../../../core/click-to-call/index.ts'
import { guidField } from '../fields.ts'
import { memberScope, transaction } from '../transaction.ts'

/** 3404 DeleteWebButton (spec/packetera.md §6): the default button cannot be deleted (1010). */
export const deleteWebButton = transaction({
  code: '3404', name: 'DeleteWebButton',
  what: 'the default button cannot be deleted (1010)',
  auth: 'member',
  async run(ctx) {
    const { actor, customerId } = memberScope(ctx)
    const guid = await deleteButton(ctx.core, actor, customerId, guidField(ctx.input, 'ButtonGUID'))
    return [['ButtonGUID', guid]]
  },
})
