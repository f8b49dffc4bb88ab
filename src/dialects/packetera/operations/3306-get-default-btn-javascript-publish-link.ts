import { defaultButton, javaScriptPublishCode } from '../publish-code.ts'
import { transaction } from '../transaction.ts'

/** 3306 GetDefaultBtnJavaScriptPublishLink (spec/packetera.md §6): the default button's JavaScript publish code. */
export const getDefaultBtnJavaScriptPublishLink = transaction({
  code: '3306', name: 'GetDefaultBtnJavaScriptPublishLink',
  what: 'the default button\'s JavaScript publish code',
  auth: 'member',
  async run(ctx) {
    const b = await defaultButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', javaScriptPublishCode(ctx, b)]]
  },
})
