import { defaultButton, htmlPublishCode } from '../publish-code.ts'
import { transaction } from '../transaction.ts'

/** 3305 GetDefaultBtnHTMLPublishLink (spec/packetera.md §6): the default button's HTML publish code. */
export const getDefaultBtnHtmlPublishLink = transaction({
  code: '3305', name: 'GetDefaultBtnHTMLPublishLink',
  what: 'the default button\'s HTML publish code',
  auth: 'member',
  async run(ctx) {
    const b = await defaultButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', htmlPublishCode(ctx, b)]]
  },
})
