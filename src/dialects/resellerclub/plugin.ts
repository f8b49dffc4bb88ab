import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { resellerActor } from '../../core/actor.ts'
import type { DialectOptions, DialectPlugin } from '../dialect.ts'
import { loginAttempt, publicBaseUrl, setRetryAfter, tagDialect } from '../dialect.ts'
import { authenticateReseller } from './auth.ts'
import { rcUrls, type RcOperation } from './call.ts'
import { RcError, errorReply, sendRc, sendRcError, type RcFormat } from './errors.ts'
import { RESELLERCLUB_OPERATIONS } from './operations.ts'
import { registerPasswordResetPage } from './password-reset-page.ts'
import { RcParams, rawQueryOf } from './params.ts'
import { validate, type ParamRule } from './validation.ts'
import { rcReplies } from './wire-schemas.ts'

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'] as const
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'text/plain'])

/**
 * ResellerClub / LogicBoxes HTTP API (spec/resellerclub.md): `<prefix>/api/<path>.<json|xml>`,
 * parameters from the query string and form bodies, `auth-userid` + `api-key` on every call, every
 * error HTTP 500 `{"status":"ERROR","message":…}` (404 for unknown calls).
 */
const plugin: DialectPlugin = async (app, opts) => {
  tagDialect(app, 'resellerclub')
  const apiRoot = `${opts.config.prefixes.resellerclub}/api/`

  // §2.2: a body is a form when typed as one, as text/plain or not typed at all; any other body
  // (JSON, multipart, garbage types) is read and ignored rather than refused.
  app.addHook('onRequest', async (req) => {
    const ct = req.headers['content-type']
    if (ct !== undefined && !FORM_TYPES.has(mediaType(ct))) req.headers['content-type'] = 'application/octet-stream'
  })
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    const ct = req.headers['content-type']
    done(null, ct === undefined || FORM_TYPES.has(mediaType(ct)) ? body : null)
  })
  // Route schemas document the parameters and replies (/docs) only: validation is the dialect's own
  // (§6 Java-map messages in §4 order, from query and body alike) and replies are text it writes
  // itself (§8, §9), so Fastify compiles neither from them.
  app.setValidatorCompiler(() => () => true)
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))

  app.setErrorHandler((err, req, reply) => {
    setRetryAfter(reply, err)
    const { status, message, unexpected } = errorReply(err)
    if (unexpected) req.log.error({ err: { name: (err as Error).name, code: (err as { code?: unknown }).code } }, 'resellerclub call failed')
    return sendRcError(reply, formatOfUrl(req.url), message, status)
  })
  // §1: any path that is not a call, including one Fastify cannot even decode (a malformed
  // %-escape, raised before routing), is `Unknown API call: <path>`; the query is never echoed.
  const unknownCall = (url: string, reply: FastifyReply) => {
    const path = urlPath(url)
    const call = path.startsWith(apiRoot) ? path.slice(apiRoot.length) : path.slice(opts.config.prefixes.resellerclub.length).replace(/^\//, '')
    return sendRcError(reply, call.endsWith('.xml') ? 'xml' : 'json', `Unknown API call: ${call}`, 404)
  }
  app.setNotFoundHandler((req, reply) => unknownCall(req.url, reply))
  opts.frameworkErrors.add(opts.config.prefixes.resellerclub, (_err, req, reply) => { unknownCall(req.url, reply) })

  for (const op of RESELLERCLUB_OPERATIONS.operations) registerCall(app, opts, op)
  registerPasswordResetPage(app, opts.core)
}
export default plugin

/** Routes a call at each of its URLs (rcUrls), plus a hidden route there answering the other methods. */
function registerCall(app: FastifyInstance, { core, config }: DialectOptions, op: RcOperation): void {
  const call = op.serve
  const methods = op.methods as readonly ('GET' | 'POST')[]
  const querystring = Type.Object({
    'auth-userid': Type.String({ description: 'Your reseller id', examples: ['1'] }),
    'api-key': Type.String({ description: 'One of your API keys' }),
    ...Object.fromEntries(call.params.map((r) => [r.name, r.required === true ? Type.String(paramDoc(r)) : Type.Optional(Type.String(paramDoc(r)))])),
  })
  const wrongMethod = OTHER_METHODS.filter((m) => !methods.includes(m as 'GET' | 'POST'))
  for (const { url, format } of rcUrls(op)) {
    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      // §2.4: route → method → auth-password → credentials → validation → lookups and rules.
      const params = RcParams.from(rawQueryOf(req.url), req.method === 'POST' ? (req.body as string | null) ?? null : null)
      const reseller = await authenticateReseller(core, params, loginAttempt(req))
      validate(params, call.params)
      const result = await call.handle({ core, config, reseller, actor: resellerActor(reseller.id), params, attempt: loginAttempt(req), baseUrl: publicBaseUrl(config, req) })
      return sendRc(reply, format, 200, result)
    }
    // One route per method: a POST's parameters may also come as a form body (§2.2; Fastify refuses a body schema on GET).
    for (const method of methods) {
      const body = method === 'POST' ? { body: querystring, consumes: ['application/x-www-form-urlencoded'] } : {}
      app.route({
        method, url, exposeHeadRoute: false,
        schema: { tags: ['resellerclub'], summary: op.summary, querystring, ...body, response: rcReplies(call.reply, format) },
        handler,
      })
    }
    app.route({
      method: [...wrongMethod], url, exposeHeadRoute: false, schema: { hide: true },
      handler: async (req) => {
        throw new RcError(`${req.method} method is not supported for this API call. Use ${methods.join(' or ')}.`)
      },
    })
  }
}

/** A parameter in /docs: its description, and whether it is required only with others (§4 ¹) or repeatable (§4 *). */
function paramDoc(r: ParamRule): { description?: string } {
  const notes = [r.description, typeof r.required === 'function' ? 'required with the parameters §4 pairs it with' : undefined, r.repeatable ? 'repeatable' : undefined].filter(Boolean)
  return notes.length ? { description: notes.join('; ') } : {}
}

function mediaType(contentType: string): string {
  return contentType.split(';', 1)[0]!.trim().toLowerCase()
}

function urlPath(url: string): string {
  const i = url.indexOf('?')
  const raw = i < 0 ? url : url.slice(0, i)
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}

function formatOfUrl(url: string): RcFormat {
  return urlPath(url).endsWith('.xml') ? 'xml' : 'json'
}
