import { getButton, getDefaultButton, type WebButtonWithPhone } from '../../../core/click-to-call/index.ts'
import { guidField } from '../fields.ts'
import { memberScope, type Transaction, type TransactionContext } from './transaction.ts'

/** HTML escaping of attribute values and text (spec §7). */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** `T` of spec §7: the hosted teleform of a button. */
export function teleformUrl(ctx: TransactionContext, guid: string): string {
  return `${ctx.linkBase}/teleform/${guid}`
}

/** The HTML publish code of a button (spec §7), one line. */
export function htmlPublishCode(ctx: TransactionContext, b: WebButtonWithPhone): string {
  const a = `<a href="${esc(teleformUrl(ctx, b.guid))}" target="_blank" rel="noopener" title="${esc(b.toolTips)}">`
  if (b.type === 2 && b.url) return `${a}<img src="${esc(b.url)}" alt="${esc(b.linkText)}" style="border:0"></a>`
  return `${a}${esc(b.linkText)}</a>`
}

/** The JavaScript publish code of a button (spec §7). */
export function javaScriptPublishCode(ctx: TransactionContext, b: WebButtonWithPhone): string {
  return `<script src="${esc(`${ctx.linkBase}/button.js`)}" data-button="${esc(b.guid)}" async></script>`
}

async function defaultButton(ctx: TransactionContext) {
  const { actor, customerId } = memberScope(ctx)
  return getDefaultButton(ctx.core, actor, customerId)
}

async function namedButton(ctx: TransactionContext) {
  const { actor, customerId } = memberScope(ctx)
  return getButton(ctx.core, actor, customerId, guidField(ctx.input, 'ButtonGUID'))
}

/** 3307 GetDefaultButtonCode: the default button's teleform URL. */
export const getDefaultButtonCode: Transaction = {
  name: 'GetDefaultButtonCode',
  auth: 'member',
  async run(ctx) {
    const b = await defaultButton(ctx)
    return [['ButtonGUID', b.guid], ['TeleformURL', teleformUrl(ctx, b.guid)]]
  },
}

/** 3305 GetDefaultBtnHTMLPublishLink. */
export const getDefaultBtnHtmlPublishLink: Transaction = {
  name: 'GetDefaultBtnHTMLPublishLink',
  auth: 'member',
  async run(ctx) {
    const b = await defaultButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', htmlPublishCode(ctx, b)]]
  },
}

/** 3306 GetDefaultBtnJavaScriptPublishLink. */
export const getDefaultBtnJavaScriptPublishLink: Transaction = {
  name: 'GetDefaultBtnJavaScriptPublishLink',
  auth: 'member',
  async run(ctx) {
    const b = await defaultButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', javaScriptPublishCode(ctx, b)]]
  },
}

/** 3308 GetHtmlPublishLink. */
export const getHtmlPublishLink: Transaction = {
  name: 'GetHtmlPublishLink',
  auth: 'member',
  async run(ctx) {
    const b = await namedButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', htmlPublishCode(ctx, b)]]
  },
}

/** 3309 GetJavaScriptPublishLink. */
export const getJavaScriptPublishLink: Transaction = {
  name: 'GetJavaScriptPublishLink',
  auth: 'member',
  async run(ctx) {
    const b = await namedButton(ctx)
    return [['ButtonGUID', b.guid], ['PublishCode', javaScriptPublishCode(ctx, b)]]
  },
}
