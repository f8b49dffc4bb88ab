import type { FastifyInstance } from 'fastify'
import { activateMember } from '../../core/click-to-call/index.ts'
import type { Core } from '../../core/core.ts'
import { isDomainError } from '../../core/errors.ts'
import { HOSTED_REPLIES } from './wire-schemas.ts'

/** The HTML page of the activation link. */
export function activationPage(title: string, message: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${message}</p></body></html>`
}

/** GET `<prefix>/activate/<ActivationID>` (spec §5): public, idempotent activation link. */
export function registerActivationPage(app: FastifyInstance, core: Core): void {
  app.get<{ Params: { activationId: string } }>('/activate/:activationId', {
    schema: { summary: 'Member activation link (HTML page)', tags: ['packetera'], security: [], response: HOSTED_REPLIES.activation },
  }, async (req, reply) => {
    try {
      await activateMember(core, req.params.activationId)
      return reply.code(200).type('text/html; charset=utf-8').send(activationPage('Account activated', 'Your account has been activated.'))
    } catch (e) {
      if (isDomainError(e) && e.kind === 'not_found') {
        return reply.code(404).type('text/html; charset=utf-8').send(activationPage('Activation', 'Invalid activation link.'))
      }
      req.log.error({ err: { name: (e as Error)?.name } }, 'activation failed')
      return reply.code(500).type('text/html; charset=utf-8').send(activationPage('Activation', 'The account could not be activated. Please try again later.'))
    }
  })
}
