import type { FastifyInstance } from 'fastify'
import { findPublicButton } from '../../../core/click-to-call/index.ts'
import { BUTTON_SCRIPT } from './button-script.ts'
import { hostedTeleformUrl, orNotAvailable, sendJson, type HostedContext } from './hosted-context.ts'
import { HOSTED_REPLIES } from '../wire-schemas.ts'

/** GET `<prefix>/button.js` and `<prefix>/button/<GUID>.json` (spec/packetera.md §8). */
export function registerButtonRoutes(app: FastifyInstance, ctx: HostedContext): void {
  app.get('/button.js', { schema: { summary: 'Packetera button script', tags: ['packetera'], security: [], response: HOSTED_REPLIES.script } }, async (_req, reply) => reply.code(200)
    .type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=300').send(BUTTON_SCRIPT))

  app.get<{ Params: { file: string } }>('/button/:file', {
    schema: { summary: 'Packetera button description (JSON, CORS): <GUID>.json', tags: ['packetera'], security: [], response: HOSTED_REPLIES.button },
  }, async (req, reply) => orNotAvailable(reply, true, async () => {
    const file = req.params.file
    if (!file.endsWith('.json')) return sendJson(reply, 404, { error: 'not_found' }, true)
    const b = await findPublicButton(ctx.core, file.slice(0, -'.json'.length))
    return sendJson(reply, 200, {
      button: b.guid, type: b.type, linkText: b.linkText, imageUrl: b.url, toolTip: b.toolTips,
      teleformUrl: hostedTeleformUrl(ctx, req, b.guid), width: b.width, height: b.height,
    }, true)
  }, true))
}
