import type { FastifyError, FastifyPluginAsync } from 'fastify'
import { Type } from 'typebox'
import type { Core } from '../../core/core.ts'
import { NotFound } from '../../core/errors.ts'
import { domainErrorOf } from '../../core/kernel/index.ts'
import { getProvider } from '../../core/providers/index.ts'
import { tagDialect } from '../dialect.ts'
import { authenticateNative } from './auth.ts'
import { renderNativeError, renderValidationError } from './errors.ts'
import { ErrorBody, Id } from './schemas.ts'

/**
 * The gateways' entry points under `/native` (spec/gateways.md §1, §3, §5): what peers call back
 * (Kannel's DLR and MO URLs, fax webhooks: authenticated by their signature, not by a login) and the
 * Kannel configuration an operator pastes (`GET /providers/{id}/kannel-config`, an admin route).
 * A dialect reaches no gateway: app.ts hands this plugin the dispatcher side's port.
 */

/** A peer's request, as the gateway of the provider reads it. */
export interface PeerCall {
  entry: string
  path: string
  query: string
  headers: Readonly<Record<string, string | undefined>>
  body: Buffer | null
}

/** What app.ts gives this plugin: the gateways' side (src/dispatch GatewayEntryPoints). */
export interface GatewayEntryPort {
  handle(providerId: number, call: PeerCall): Promise<{ status: number; body: string }>
  configuration(providerId: number): Promise<string | null>
  media(token: string): Promise<{ mime: string; bytes: Buffer } | null>
}

export interface GatewayEntryOptions {
  core: Core
  adminToken?: string
  entryPoints: GatewayEntryPort
}

/** Webhook bodies (a fax provider's JSON events) are read raw: their signature covers the bytes. */
const WEBHOOK_BODY_LIMIT = 1024 * 1024

const plugin: FastifyPluginAsync<GatewayEntryOptions> = async (app, { core, adminToken, entryPoints }) => {
  tagDialect(app, 'native')
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const domain = domainErrorOf(err)
    if (domain) {
      const { status, body } = renderNativeError(domain)
      return reply.code(status).send(body)
    }
    if (err.validation) {
      const { status, body } = renderValidationError(err)
      return reply.code(status).send(body)
    }
    const status = err.statusCode
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: err.message })
    req.log.error({ err: { name: err.name, code: err.code } }, 'native gateway entry point: unhandled error')
    return reply.code(500).send({ error: 'internal error' })
  })
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body))

  const peerRoute = (method: 'GET' | 'POST', entry: string) => app.route({
    method,
    url: `/gateways/:id/${entry}`,
    schema: { params: Type.Object({ id: Id }), hide: true },
    handler: async (req, reply) => {
      const id = (req.params as { id: number }).id
      const raw = req.raw.url ?? ''
      const q = raw.indexOf('?')
      const headers: Record<string, string | undefined> = {}
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v
      const answer = await entryPoints.handle(id, {
        entry, path: `/native/gateways/${id}/${entry}`, query: q < 0 ? '' : raw.slice(q + 1), headers, body: Buffer.isBuffer(req.body) ? req.body : null,
      })
      return reply.code(answer.status).type('text/plain; charset=utf-8').send(answer.body)
    },
  })
  peerRoute('GET', 'kannel/dlr')
  peerRoute('GET', 'kannel/mo')
  peerRoute('POST', 'fax/events')

  // The converted document a fax provider fetches once (spec/gateways.md §5 `media` url): the token is the credential.
  app.route({
    method: 'GET',
    url: '/fax-media/:token',
    schema: { params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }), hide: true },
    handler: async (req, reply) => {
      const found = await entryPoints.media((req.params as { token: string }).token)
      if (!found) return reply.code(404).type('text/plain; charset=utf-8').send('no such media')
      return reply.type(found.mime).send(found.bytes)
    },
  })

  app.route({
    method: 'GET',
    url: '/providers/:id/kannel-config',
    schema: {
      tags: ['native'],
      summary: 'The Kannel configuration groups (sendsms-user, sms-service) to paste for an http (Kannel) provider',
      params: Type.Object({ id: Id }),
      response: { 200: Type.String({ examples: ['group = sendsms-user\nusername = "switchboard"\n…'] }), '4xx': ErrorBody },
    },
    handler: async (req, reply) => {
      const actor = await authenticateNative(core, adminToken, req)
      const id = (req.params as { id: number }).id
      const provider = await getProvider(core, actor, id)
      const text = provider.type === 'http' ? await entryPoints.configuration(id) : null
      if (text === null) throw new NotFound('Kannel provider', id)
      return reply.type('text/plain; charset=utf-8').send(text)
    },
  })
}

export default plugin
