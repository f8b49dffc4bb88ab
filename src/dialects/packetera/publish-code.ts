import { getButton, getDefaultButton, type WebButtonWithPhone } from '../../core/click-to-call/index.ts'
import { guidField } from './fields.ts'
import { esc } from './hosted/html.ts'
import { memberScope, type TransactionContext } from './transaction.ts'

// The publish code of a button (spec §7), shared by the publish transactions 3305–3309.


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

/** The member's default button. */
export async function defaultButton(ctx: TransactionContext): Promise<WebButtonWithPhone> {
  const { actor, customerId } = memberScope(ctx)
  return getDefaultButton(ctx.core, actor, customerId)
}

/** The member's button named by `ButtonGUID`. */
export async function namedButton(ctx: TransactionContext): Promise<WebButtonWithPhone> {
  const { actor, customerId } = memberScope(ctx)
  return getButton(ctx.core, actor, customerId, guidField(ctx.input, 'ButtonGUID'))
}
