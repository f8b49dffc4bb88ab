import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../config.ts'
import { DEFAULT_CALLBACK_POLICY, type CallbackPolicy } from '../../../core/click-to-call/index.ts'
import type { Core } from '../../../core/core.ts'
import { isDomainError } from '../../../core/errors.ts'
import { publicBaseUrl } from '../../dialect.ts'
import { NOT_AVAILABLE_PAGE } from './html.ts'

/** What the hosted pages share: core, the prefix, the public base and the §9 settings. */
export interface HostedContext {
  core: Core
  prefix: string
  config: Config
  policy: CallbackPolicy
}

/** The §9 limits and expiry from the `packetera` settings (spec defaults for unset ones). */
export function callbackPolicyOf(config: Config): CallbackPolicy {
  const p = config.packetera ?? {}
  const d = DEFAULT_CALLBACK_POLICY
  return {
    perAddress: { max: p.perAddressMax ?? d.perAddress.max, windowMs: (p.perAddressWindowSeconds ?? d.perAddress.windowMs / 1000) * 1000 },
    perButton: { max: p.perButtonMax ?? d.perButton.max, windowMs: (p.perButtonWindowSeconds ?? d.perButton.windowMs / 1000) * 1000 },
    expiryMs: (p.callbackExpirySeconds ?? d.expiryMs / 1000) * 1000,
  }
}

/** `T` of spec §7 for a request: the hosted teleform of a button under the public base URL. */
export function hostedTeleformUrl(ctx: HostedContext, req: FastifyRequest, guid: string): string {
  return `${publicBaseUrl(ctx.config, req)}${ctx.prefix}/teleform/${guid}`
}

/**
 * The visitor's address (spec §9): the socket peer, or the leftmost `X-Forwarded-For` entry when
 * `packetera.trustProxy` is on.
 */
export function visitorAddress(ctx: HostedContext, req: FastifyRequest): string {
  if (ctx.config.packetera?.trustProxy) {
    const header = req.headers['x-forwarded-for']
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim()
    if (first) return first.slice(0, 64)
  }
  return req.socket.remoteAddress ?? req.ip
}

/** Whether the client asked for JSON (`Accept` contains `application/json`). */
export function wantsJson(req: FastifyRequest): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/json')
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
}

export function sendJson(reply: FastifyReply, status: number, body: unknown, cors = false): FastifyReply {
  if (cors) reply.header('access-control-allow-origin', '*')
  return reply.code(status).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(body))
}

const isNotFound = (e: unknown): boolean => isDomainError(e) && e.kind === 'not_found'

/** Runs a hosted handler; a NotFound becomes the §8 404 (JSON or the HTML page). */
export async function orNotAvailable(reply: FastifyReply, json: boolean, work: () => Promise<FastifyReply>, cors = false): Promise<FastifyReply> {
  try {
    return await work()
  } catch (e) {
    if (!isNotFound(e)) throw e
    return json ? sendJson(reply, 404, { error: 'not_found' }, cors) : sendHtml(reply, 404, NOT_AVAILABLE_PAGE)
  }
}
