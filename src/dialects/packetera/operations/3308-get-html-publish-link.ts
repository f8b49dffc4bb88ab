import { htmlPublishCode, namedButton } from '../publish-code.ts'
import { transaction } from '../transaction.ts'

/** 3308 GetHtmlPublishLink (spec/packetera.md §6): a button's HTML publish code. */
export const getHtmlPublishLink = transaction({
  code: '3308', name: 'GetHtmlPublishLink',
  what: 'a button\'s HTML publish code',
  auth: 'member',
  async run(ctx) {
    const b = await namedButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', htmlPublishCode(ctx, b)]]
  },
})
