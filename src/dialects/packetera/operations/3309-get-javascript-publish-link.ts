import { javaScriptPublishCode, namedButton } from '../publish-code.ts'
import { transaction } from '../transaction.ts'

/** 3309 GetJavaScriptPublishLink (spec/packetera.md §6): a button's JavaScript publish code. */
export const getJavaScriptPublishLink = transaction({
  code: '3309', name: 'GetJavaScriptPublishLink',
  what: 'a button\'s JavaScript publish code',
  auth: 'member',
  async run(ctx) {
    const b = await namedButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', javaScriptPublishCode(ctx, b)]]
  },
})
