import type { PublicButton } from '../../../core/click-to-call/index.ts'
import { esc } from './html.ts'
import { isDarkColour, templateCss } from './teleform-templates.ts'

/** What the page shows under the heading: the empty form, the form with an error (values kept), or the confirmation. */
export type TeleformState =
  | { kind: 'form'; phone?: string; name?: string; error?: string }
  | { kind: 'confirmed'; requestId: string; phone: string }

/**
 * The teleform page of a button (spec/packetera.md §8): heading, the #pk-teleform container with
 * the button's size and colour, header/footer images when set, and the callback form. Every value
 * shown is HTML-escaped; the only stylesheet is inline.
 */
export function teleformPage(prefix: string, b: PublicButton, state: TeleformState): string {
  const guid = esc(b.guid)
  const ink = isDarkColour(b.backgroundcolour) ? 'pk-on-dark' : 'pk-on-light'
  const header = b.headerimage ? `<img id="pk-header" src="${esc(b.headerimage)}" alt="">` : ''
  const footer = b.footerimage ? `<img id="pk-footer" src="${esc(b.footerimage)}" alt="">` : ''
  let body: string
  if (state.kind === 'confirmed') {
    body = `<p id="pk-confirmation" data-request-id="${esc(state.requestId)}">Thank you! We will call you at ${esc(state.phone)} shortly.</p>`
  } else {
    const error = state.error ? `<p id="pk-error">${esc(state.error)}</p>` : ''
    const phone = state.phone ? ` value="${esc(state.phone)}"` : ''
    const name = state.name ? ` value="${esc(state.name)}"` : ''
    body = `<p class="pk-lead">Leave your number and we will call you right back.</p>${error}`
      + `<form id="pk-form" method="post" action="${esc(`${prefix}/teleform/${b.guid}/callback`)}">`
      + `<label>Your phone number <input type="tel" name="phone" required maxlength="20"${phone}></label>`
      + `<label>Your name (optional) <input type="text" name="name" maxlength="50"${name}></label>`
      + '<button type="submit">Call me now</button></form>'
  }
  return '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>Request a callback</title><style>${templateCss(b.template.name)}</style></head>`
    + `<body class="pk-template-${esc(b.template.name)}"><div id="pk-teleform" class="${ink}" data-button="${guid}" data-template="${esc(b.template.name)}" `
    + `style="width:${b.width}px;height:${b.height}px;background-color:${esc(b.backgroundcolour)}">`
    + `${header}<h1>Request a callback</h1>${body}${footer}</div></body></html>`
}
