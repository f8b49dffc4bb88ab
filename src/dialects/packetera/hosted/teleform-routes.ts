import type { FastifyInstance, FastifyRequest } from 'fastify'
import { findPublicButton, submitCallbackRequest } from '../../../core/click-to-call/index.ts'
import { Invalid } from '../../../core/errors.ts'
import { orNotAvailable, sendHtml, sendJson, visitorAddress, wantsJson, type HostedContext } from './hosted-context.ts'
import { teleformPage } from './teleform-page.ts'
import { CallbackSubmit, HOSTED_REPLIES } from '../wire-schemas.ts'

/** The submitted `phone` and `name`: a form, or a JSON object with the same keys (spec §9). */
function submission(req: FastifyRequest): { phone?: string; name?: string } {
  const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined)
  if (type.includes('json') || (type === '' && body.trimStart().startsWith('{'))) {
    try {
      const v: unknown = JSON.parse(body)
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        const o = v as Record<string, unknown>
        return { phone: text(o.phone), name: text(o.name) }
      }
    } catch {
      // Not JSON: no fields, so the phone check answers.
    }
    return {}
  }
  const form = new URLSearchParams(body)
  return { phone: form.get('phone') ?? undefined, name: form.get('name') ?? undefined }
}

const MESSAGES = {
  limited: 'Too many requests. Please try again later.',
  phone: 'Please enter a valid phone number.',
  name: 'Please enter a valid name.',
  inProgress: 'A call to this number is already in progress.',
}

/** GET `<prefix>/teleform/<GUID>` and POST `…/callback` (spec/packetera.md §8, §9). */
export function registerTeleformRoutes(app: FastifyInstance, ctx: HostedContext): void {
  app.get<{ Params: { guid: string } }>('/teleform/:guid', {
    schema: { summary: 'Packetera teleform page (HTML)', tags: ['packetera'], security: [], response: HOSTED_REPLIES.teleform },
  }, async (req, reply) => orNotAvailable(reply, false, async () => {
    const b = await findPublicButton(ctx.core, req.params.guid)
    return sendHtml(reply, 200, teleformPage(ctx.prefix, b, { kind: 'form' }))
  }))

  app.post<{ Params: { guid: string } }>('/teleform/:guid/callback', {
    schema: {
      summary: 'Packetera callback request (form or JSON; HTML or JSON reply)', tags: ['packetera'], security: [],
      body: CallbackSubmit, consumes: ['application/x-www-form-urlencoded', 'application/json'], response: HOSTED_REPLIES.callbackSubmit,
    },
  }, async (req, reply) => {
    const json = wantsJson(req)
    return orNotAvailable(reply, json, async () => {
      const b = await findPublicButton(ctx.core, req.params.guid)
      const input = submission(req)
      const again = (status: number, error: string) => sendHtml(reply, status, teleformPage(ctx.prefix, b, { kind: 'form', phone: input.phone, name: input.name, error }))
      let outcome
      try {
        outcome = await submitCallbackRequest(ctx.core, b, {
          phone: input.phone, name: input.name, visitorIp: visitorAddress(ctx, req), userAgent: req.headers['user-agent'] ?? null,
        }, ctx.policy)
      } catch (e) {
        if (!(e instanceof Invalid)) throw e
        const field = e.field === 'name' ? 'name' : 'phone'
        return json ? sendJson(reply, 400, { error: `invalid_${field}` }) : again(400, MESSAGES[field])
      }
      switch (outcome.kind) {
        case 'limited':
          reply.header('retry-after', String(outcome.retryAfterSeconds))
          return json ? sendJson(reply, 429, { error: 'rate_limited', retryAfter: outcome.retryAfterSeconds }) : again(429, MESSAGES.limited)
        case 'in_progress':
          return json ? sendJson(reply, 409, { error: 'already_in_progress', requestId: outcome.requestId }) : again(409, MESSAGES.inProgress)
        case 'created':
          return json ? sendJson(reply, 202, { requestId: outcome.requestId, status: 'requested' })
            : sendHtml(reply, 200, teleformPage(ctx.prefix, b, { kind: 'confirmed', requestId: outcome.requestId, phone: outcome.visitorPhone }))
      }
    })
  })
}
