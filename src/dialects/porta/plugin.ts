import type { FastifyReply, FastifyRequest } from 'fastify'
import { resellerActor } from '../../core/actor.ts'
import { authenticateApiKey } from '../../core/resellers/index.ts'
import type { DialectPlugin } from '../dialect.ts'
import { ignoreInvalidContentTypes, loginAttempt, setRetryAfter, tagDialect } from '../dialect.ts'
import { renderPortaError } from './errors.ts'
import { documentPorta } from './docs.ts'
import { PORTA_DISPATCH } from './operations.ts'
import { metadataIndex, operationPage } from './metadata-pages.ts'
import { chooseOperation, matchPredefined } from './predefined-routes.ts'
import { matchRoute } from './route-matcher.ts'
import { typescriptTypes } from './typescript-types.ts'
import {
  argumentFault, BadCallback, bindProduct, readXmlBody, formatOfMediaType, negotiate, parseQuery, PortaFault, readBody, sendNoRoute, sendProductResponse,
  sendResponseStatus, splitRequest, type Format, type Negotiated, type QueryValues,
} from './servicestack/index.ts'

// Porta Plus 2 Web Services (spec/porta.md). Every path under the prefix is served by one handler
// that applies the dialect's own routing rules (§3: literal ignoring case, segment count, verb;
// route suffix; percent-decoded segments), which Fastify's router cannot express, to the operation
// table (operations.ts); servicestack/ does negotiation, binding and the reply formats.
// Order of checks (§1): route → format negotiation → binding → License → operation.

const JSON_FALLBACK: Negotiated = { format: 'json', callback: null, jsvTextType: false }

declare module 'fastify' {
  interface FastifyRequest {
    /** The negotiated reply format of a Porta request, once known (error replies use it). */
    portaNegotiated: Negotiated | null
  }
}

const plugin: DialectPlugin = async (app, { core, frameworkErrors, docs }) => {
  tagDialect(app, 'porta')
  // A request decoration rather than a WeakMap keyed by request: an entry per request in a WeakMap
  // costs the garbage collector on every scavenge.
  app.decorateRequest('portaNegotiated', null)
  const prefix = app.prefix
  // A segment that cannot be percent-decoded cannot be bound (§6): 400 SerializationException.
  frameworkErrors.add(prefix, (_err, _req, reply) =>
    sendPortaError(reply, JSON_FALLBACK, new PortaFault(400, 'SerializationException', "Unable to bind to request 'Product'")))

  // Bodies are read by the binder (§6), whatever their type; Fastify only collects the text.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  // A Content-Type that is no media type is one of the "other types" whose body §6 ignores (a
  // missing one would mean JSON): read it as such rather than let Fastify answer 415.
  ignoreInvalidContentTypes(app, 'application/octet-stream')

  app.setNotFoundHandler((_req, reply) => sendNoRoute(reply))
  // Framework-level failures (body too large, unreadable body) still answer in the envelope.
  app.setErrorHandler((err: { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    const fault = status === 500 ? err : new PortaFault(status, 'SerializationException', "Unable to bind to request 'Product'")
    return sendPortaError(reply, req.portaNegotiated ?? JSON_FALLBACK, fault)
  })

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const split = splitRequest(req.url, prefix)
    if (req.method === 'GET' && serveMetadata(req, reply, split, prefix)) return reply
    const predefined = matchPredefined(split.segments)
    const match = predefined ? null : matchRoute(req.method, split.segments)
    if (!predefined && !match) return sendNoRoute(reply)
    let neg: Negotiated
    try {
      neg = negotiate({ query: split.query, suffix: split.suffix, routeFormat: predefined?.format ?? null, accept: req.headers.accept, contentType: req.headers['content-type'] })
    } catch (e) {
      if (!(e instanceof BadCallback)) throw e
      return sendPortaError(reply, e.negotiated, argumentFault('callback', 'callback must be a JavaScript identifier'))
    }
    req.portaNegotiated = neg
    try {
      const { body, form } = bodyOf(req, predefined?.format ?? null)
      const bound = bindProduct({ body, path: match?.vars ?? {}, query: split.query, form })
      const reseller = await authenticateApiKey(core, 'porta', bound.dto.License ?? '', undefined, loginAttempt(req))
      // §5: a predefined route runs the operation its bound DTO selects.
      const operation = match ? match.operation : chooseOperation(bound.dto, bound.tenantId)
      const result = await operation.serve({ core, actor: resellerActor(reseller.id), dto: bound.dto, tenantId: bound.tenantId })
      if (predefined?.oneway) return reply.code(204).send()
      return sendProductResponse(reply, neg, result)
    } catch (e) {
      return sendPortaError(reply, neg, e)
    }
  }
  // One route reaches every operation (§3 routes are matched in route-matcher.ts); /docs lists the
  // wire routes it serves instead (docs.ts, from the route table and the DTOs).
  app.all(PORTA_DISPATCH.path, { schema: { hide: true } }, handler)
  documentPorta(docs, prefix)
}
export default plugin

/** The §8 error reply for any thrown value: faults as they are, domain errors rendered (errors.ts), others 500 and logged. */
function sendPortaError(reply: FastifyReply, neg: Negotiated, e: unknown): FastifyReply {
  const r = renderPortaError(e)
  setRetryAfter(reply, e)
  if (r.status === 500) reply.log.error({ err: { name: (e as Error)?.name, code: (e as { code?: string })?.code } }, 'porta: internal error')
  return sendResponseStatus(reply, neg, r)
}

/**
 * §6 step 1: the body by Content-Type (JSON, JSV, XML; forms bind last), or by the predefined
 * route's format segment whatever the Content-Type; empty bodies are skipped, a body without
 * Content-Type is JSON, other types are ignored, CSV bodies are refused (405).
 */
function bodyOf(req: FastifyRequest, routeFormat: Format | null): { body: Record<string, unknown> | null; form: QueryValues | null } {
  const text = typeof req.body === 'string' ? req.body : ''
  if (text === '') return { body: null, form: null }
  const type = req.headers['content-type']
  const media = type?.split(';')[0]!.trim().toLowerCase()
  if (media === 'application/x-www-form-urlencoded') return { body: null, form: parseQuery(text) }
  if (media === 'multipart/form-data') return { body: null, form: parseMultipart(text, type!) }
  const format = routeFormat ?? (type === undefined ? 'json' : formatOfMediaType(type))
  if (format === 'csv') throw new PortaFault(405, 'NotSupportedException', 'CSV request bodies are not supported')
  if (format === 'json' || format === 'jsv') return { body: readBody(format, text), form: null }
  if (format === 'xml') return { body: readXmlBody(text), form: null }
  return { body: null, form: null }
}

/** The fields of a multipart/form-data body (text parts only), last occurrence winning. */
function parseMultipart(text: string, type: string): QueryValues {
  const out: QueryValues = new Map()
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (!boundary) return out
  for (const part of text.split(`--${boundary}`)) {
    const m = /^\r?\n([\s\S]*?)\r?\n\r?\n([\s\S]*?)\r?\n$/.exec(part)
    const name = m && /content-disposition:[^\n]*\bname="([^"]*)"/i.exec(m[1]!)?.[1]
    if (name) out.set(name.toLowerCase(), { name, value: m[2]! })
  }
  return out
}

/** §9: the metadata pages and `/types/typescript` (no License); true when the request was one. */
function serveMetadata(req: FastifyRequest, reply: FastifyReply, split: { segments: string[]; query: QueryValues }, prefix: string): boolean {
  const s = split.segments.map((x) => x.toLowerCase())
  if (s.length === 1 && s[0] === 'metadata') {
    reply.type('text/html; charset=utf-8').send(metadataIndex(prefix))
    return true
  }
  if (s.length === 2 && s[1] === 'metadata' && ['json', 'xml', 'jsv', 'csv'].includes(s[0]!)) {
    const op = split.query.get('op')?.value
    if (op === undefined || op === '') reply.redirect(`${prefix}/metadata`, 302)
    else if (op.toLowerCase() !== 'product') sendNoRoute(reply)
    else reply.type('text/html; charset=utf-8').send(operationPage(prefix, s[0] as Format, req.headers.host ?? 'localhost'))
    return true
  }
  if (s.length === 2 && s[0] === 'types' && s[1] === 'typescript') {
    reply.type('text/plain; charset=utf-8').send(typescriptTypes(`${req.protocol}://${req.headers.host ?? 'localhost'}${prefix}`))
    return true
  }
  return false
}
