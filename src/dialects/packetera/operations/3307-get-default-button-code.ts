import { defaultButton, teleformUrl } from '../publish-code.ts'
import { transaction } from '../transaction.ts'

/** 3307 GetDefaultButtonCode (spec/packetera.md §6): the default button's teleform URL. */
export const getDefaultButtonCode = transaction({
  code: '3307', name: 'GetDefaultButtonCode',
  what: 'the default button\'s teleform URL',
  auth: 'member',
  async run(ctx) {
    const b = await defaultButton(ctx)
    return [['ButtonGUID', b.guid], ['TeleformURL', teleformUrl(ctx, b.guid)]]
  },
})
