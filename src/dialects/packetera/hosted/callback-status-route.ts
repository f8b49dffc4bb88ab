import type { FastifyInstance } from 'fastify'
import { callbackRequestById } from '../../../core/click-to-call/index.ts'
import { orNotAvailable, sendJson, type HostedContext } from './hosted-context.ts'
import { HOSTED_REPLIES } from '../wire-schemas.ts'

/** GET `<prefix>/callback/<requestId>.json` (spec/packetera.md §8): the request's state, CORS `*`. */
export function registerCallbackStatusRoute(app: FastifyInstance, ctx: HostedContext): void {
  app.get<{ Params: { file: string } }>('/callback/:file', {
    schema: { summary: 'Packetera callback request status (JSON, CORS): <requestId>.json', tags: ['packetera'], security: [], response: HOSTED_REPLIES.callbackStatus },
  }, async (req, reply) => orNotAvailable(reply, true, async () => {
    const file = req.params.file
    if (!file.endsWith('.json')) return sendJson(reply, 404, { error: 'not_found' }, true)
    const r = await callbackRequestById(ctx.core, file.slice(0, -'.json'.length))
    return sendJson(reply, 200, { requestId: r.requestId, status: r.status, failureReason: r.failureReason }, true)
  }, true))
}
