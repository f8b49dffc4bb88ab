import { parse as parseQuery } from 'node:querystring'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Invalid } from '../../core/errors.ts'
import { domainErrorOf } from '../../core/kernel/index.ts'
import type { DialectOptions, DialectPlugin } from '../dialect.ts'
import { setRetryAfter, tagDialect } from '../dialect.ts'
import { authenticateRequest } from './auth.ts'
import { IctcoreHttpError, NOT_FOUND, renderIctcoreError, sendJson } from './errors.ts'
import { ICTCORE_OPERATIONS } from './operations.ts'
import { captureCsvUploads } from './resources/groups.ts'
import { captureMediaBodies } from './resources/media.ts'
import { IctcoreRouter, type IctcoreMethod } from './router.ts'

/** JSON bodies are limited to 1 MiB (spec/ictcore.md §1). */
const JSON_BODY_LIMIT = 1024 * 1024
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS'
const ALLOW_HEADERS = 'Authorization, Authentication, Content-Type, Accept, X-HTTP-Method-Override'
const OVERRIDABLE = new Set(['PUT', 'PATCH', 'DELETE'])
const ROUTED = new Set(['GET', 'POST', 'PUT', 'DELETE'])

/**
 * The ICTCore REST dialect under `/api` (spec/ictcore.md). This scope owns its body parsing, CORS,
 * error envelope and 404; every request is resolved by `IctcoreRouter` after the §1 normalisation.
 */
const plugin: DialectPlugin = async (app, opts: DialectOptions) => {
  tagDialect(app, 'ictcore')
  const { core, config } = opts
  const prefix = opts.config.prefixes.ictcore
  // A path the router cannot take (malformed %-escape, a segment over the length limit) names no
  // route and no id: the §1 404 envelope.
  opts.frameworkErrors.add(prefix, (_err, _req, reply) => {
    sendJson(reply, 404, NOT_FOUND)
  })

  // JSON whatever the Content-Type, except form fields (§1); empty = {}; bad JSON → 412 body.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, text, done) => {
    done(null, { ...parseQuery(text as string) })
  })
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, text, done) => {
    const s = (text as string).trim()
    if (s === '') return done(null, {})
    try {
      done(null, JSON.parse(s))
    } catch {
      done(new Invalid('body', 'is not JSON'), undefined)
    }
  })

  // Every reply to a request with an Origin carries CORS headers (§1).
  app.addHook('onSend', (req, reply, payload, done) => {
    const origin = req.headers.origin
    if (typeof origin === 'string' && req.method !== 'OPTIONS') {
      reply.header('access-control-allow-origin', origin)
      reply.header('access-control-expose-headers', 'Content-Disposition')
      reply.header('vary', 'Origin')
    }
    done(null, payload)
  })

  const router = new IctcoreRouter(app, dispatch)

  /** §1 normalisation → route → credentials → handler → 200 JSON. */
  async function dispatch(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const q = req.url.indexOf('?')
    let path = (q < 0 ? req.url : req.url.slice(0, q)).slice(prefix.length)
    const query = (req.query ?? {}) as Record<string, unknown>
    let method = req.method.toUpperCase()
    if (method === 'OPTIONS') return preflight(req, reply)
    if (method === 'POST') {
      const header = req.headers['x-http-method-override']
      const wanted = (typeof header === 'string' && header) || (typeof query.method === 'string' && query.method) || ''
      if (OVERRIDABLE.has(wanted.toUpperCase())) method = wanted.toUpperCase()
    }
    if (method === 'PATCH') method = 'PUT'
    const format = Array.isArray(query.format) ? query.format[query.format.length - 1] : query.format
    if (/\.xml\/?$/.test(path) || format === 'xml') throw new IctcoreHttpError(501, 'Not implemented')
    path = path.replace(/\.json(\/?)$/, '$1')
    const head = method === 'HEAD'
    if (head) method = 'GET'
    const hit = ROUTED.has(method) ? router.match(method as IctcoreMethod, path) : null
    if (!hit || (head && hit.route.noHead)) return sendJson(reply, 404, NOT_FOUND)
    const actor = hit.route.public ? (null as never) : await authenticateRequest(core, req)
    const result = await hit.route.handler({ core, config, req, reply, actor, params: hit.params, body: req.body, query })
    if (reply.sent) return reply
    return sendJson(reply, 200, result)
  }

  function preflight(req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const origin = req.headers.origin
    reply.header('access-control-allow-origin', typeof origin === 'string' ? origin : '*')
    reply.header('access-control-allow-methods', ALLOW_METHODS)
    reply.header('access-control-allow-headers', ALLOW_HEADERS)
    reply.header('access-control-max-age', '86400')
    reply.header('vary', 'Origin')
    return reply.code(200).send()
  }

  app.setErrorHandler((err: unknown, req, reply) => {
    // A full disk or a database that is down is the domain's Unavailable, not an internal error.
    const domain = domainErrorOf(err)
    if (domain) {
      setRetryAfter(reply, domain)
      const { status, body } = renderIctcoreError(domain, req)
      return sendJson(reply, status, body)
    }
    if (err instanceof IctcoreHttpError) return sendJson(reply, err.status, { error: { code: err.status, message: err.message } })
    const e = err as { statusCode?: number; code?: string; name?: string }
    if (e.statusCode === 413) return sendJson(reply, 413, { error: { code: 413, message: 'Request entity too large' } })
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Framework-level body problems (bad JSON framing, empty JSON, …) are the body's fault.
      return sendJson(reply, 412, { error: { code: 412, message: 'Data validation failed, for body' } })
    }
    // Never the message: it may carry input. The request id ties the log line to the reply.
    req.log.error({ reqId: req.id, err: { name: e.name, code: e.code } }, 'ictcore: unhandled error')
    return sendJson(reply, 500, { error: { code: 500, message: 'Internal server error' } })
  })
  app.setNotFoundHandler(dispatch)
  app.route({ method: 'OPTIONS', url: '/*', handler: preflight, schema: { hide: true } })

  // Upload bodies of CSV imports and media bypass the JSON parser (§8, §9).
  captureCsvUploads(app, prefix)
  captureMediaBodies(app, prefix)
  for (const op of ICTCORE_OPERATIONS.operations) router.serve(op)
}
export default plugin
