import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core/core.ts'
import { isDomainError } from '../../core/errors.ts'
import { textReply } from '../../http/docs.ts'
import { completePasswordReset, passwordResetUsable } from '../../core/password-resets/index.ts'
import { PASSWORD_POLICY } from './validation.ts'
import { escapeXml } from './xml.ts'

// The page of the link `customers/forgot-password` emails (spec §4.1): a customer sets a new password
// there. Not an API call: a small HTML page under the dialect's prefix, public, the token its only key.

/** Path of the page under the dialect prefix. */
export const PASSWORD_RESET_PATH = '/password-reset'

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;background:#f4f6f8;color:#1d2733;margin:0}' +
  'main{max-width:26rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:10px;box-shadow:0 2px 10px #0001}' +
  'h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem;font-weight:600}' +
  'input{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #b8c2cc;border-radius:6px;font:inherit}' +
  'button{margin-top:1.2rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f6feb;color:#fff;font:inherit;cursor:pointer}' +
  '.error{color:#b42318}.hint{color:#5b6773;font-size:.9rem}'

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<meta name="referrer" content="no-referrer"><title>${title}</title><style>${STYLE}</style></head><body><main><h1>${title}</h1>${body}</main></body></html>`
}

// The form posts back to the page's own URL, so the token stays in the link and is never written
// into the page.
function form(error?: string): string {
  return page('Choose a new password',
    (error ? `<p class="error" role="alert">${escapeXml(error)}</p>` : '') +
    '<form method="post">' +
    `<label for="password">New password</label><input id="password" name="password" type="password" autocomplete="new-password" required>` +
    `<label for="confirm">Repeat it</label><input id="confirm" name="confirm" type="password" autocomplete="new-password" required>` +
    `<p class="hint">8-16 characters, at least one letter and one digit.</p><button type="submit">Set password</button></form>`)
}

const EXPIRED = page('Link expired', '<p>This password reset link is invalid, already used or expired. Ask for a new one.</p>')

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body)
}

/** GET and POST `<prefix>/password-reset?token=…`. */
export function registerPasswordResetPage(app: FastifyInstance, core: Core): void {
  app.get<{ Querystring: { token?: string } }>(PASSWORD_RESET_PATH, {
    schema: {
      summary: 'Password-reset page of a customer (HTML; the link of customers/forgot-password)', tags: ['resellerclub'], security: [],
      querystring: Type.Object({ token: Type.String({ description: 'The token of the emailed link' }) }),
      response: { 200: textReply('text/html', 'The form choosing a new password'), 404: textReply('text/html', 'The link is unknown, used or expired') },
    },
  }, async (req, reply) => {
    const token = typeof req.query.token === 'string' ? req.query.token : ''
    return (await passwordResetUsable(core, token)) ? html(reply, 200, form()) : html(reply, 404, EXPIRED)
  })
  app.post<{ Querystring: { token?: string } }>(PASSWORD_RESET_PATH, { schema: { hide: true } }, async (req, reply) => {
    const fields = new URLSearchParams(typeof req.body === 'string' ? req.body : '')
    const token = typeof req.query.token === 'string' ? req.query.token : ''
    const password = fields.get('password') ?? ''
    if (password !== (fields.get('confirm') ?? '')) return html(reply, 400, form('The two passwords differ.'))
    try {
      await completePasswordReset(core, token, password)
    } catch (e) {
      if (isDomainError(e) && e.kind === 'invalid') return html(reply, 400, form(`The password ${PASSWORD_POLICY}.`))
      if (isDomainError(e) && e.kind === 'not_found') return html(reply, 404, EXPIRED)
      throw e
    }
    return html(reply, 200, page('Password changed', '<p>Your new password works from now on. You can close this page.</p>'))
  })
}
