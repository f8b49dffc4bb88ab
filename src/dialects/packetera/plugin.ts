import { isDomainError } from '../../core/errors.ts'
import type { DialectPlugin } from '../dialect.ts'
import { ignoreInvalidContentTypes, setRetryAfter, tagDialect } from '../dialect.ts'
import { activationPage, registerActivationPage } from './activation-page.ts'
import { transactionHandler } from './endpoint.ts'
import { failurePairs, BUILTIN_REPLY, sendPairs } from './reply.ts'
import { failureOf, failures } from './errors.ts'
import { TRANSACTION_ENDPOINT } from './transaction.ts'
import { registerButtonRoutes } from './hosted/button-routes.ts'
import { registerCallbackStatusRoute } from './hosted/callback-status-route.ts'
import { callbackPolicyOf, type HostedContext } from './hosted/hosted-context.ts'
import { NOT_AVAILABLE_PAGE } from './hosted/html.ts'
import { registerTeleformRoutes } from './hosted/teleform-routes.ts'
import { TRANSACTION_REPLIES, TransactionRequest } from './wire-schemas.ts'

const ENDPOINT = TRANSACTION_ENDPOINT.path

/**
 * Packetera click-to-call dialect (spec/packetera.md): one transaction endpoint answering
 * Name/Value pairs, plus the hosted pages under the same prefix.
 */
const plugin: DialectPlugin = async (app, { core, config, frameworkErrors }) => {
  tagDialect(app, 'packetera')
  const prefix = app.prefix
  // A path that cannot be percent-decoded names no route here: answered like an unknown path.
  frameworkErrors.add(prefix, (_err, req, reply) => {
    if (req.url.startsWith(`${prefix}/activate/`)) {
      reply.code(404).type('text/html; charset=utf-8').send(activationPage('Activation', 'Invalid activation link.'))
    } else if (req.url.startsWith(`${prefix}/teleform/`)) {
      reply.code(404).type('text/html; charset=utf-8').send(NOT_AVAILABLE_PAGE)
    } else reply.code(404).type('text/plain; charset=utf-8').send('')
  })
  // Every body is read as bytes and parsed as a form (a body without Content-Type too, spec §2).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
  // A Content-Type that is no media type tells nothing either: the body is read as a form all the same.
  ignoreInvalidContentTypes(app)

  // Framework-level failures (oversized body, aborted upload …) still answer in the envelope.
  app.setErrorHandler((err: { statusCode?: number; code?: string; name?: string }, req, reply) => {
    if (!isDomainError(err) && (!err.statusCode || err.statusCode >= 500)) req.log.error({ err: { name: err.name, code: err.code } }, 'packetera request failed')
    if (req.routeOptions.url?.endsWith(ENDPOINT)) {
      setRetryAfter(reply, err)
      // A domain error here was raised before the handler: the per-address request limit (issue 13 finding 3).
      const failure = isDomainError(err) ? failureOf(err)
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? failures.requestTooLarge(req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0) : failures.internal()
      return sendPairs(reply, failurePairs(failure), BUILTIN_REPLY)
    }
    return reply.code(err.statusCode && err.statusCode < 500 ? err.statusCode : 500).type('text/plain; charset=utf-8').send('')
  })
  app.setNotFoundHandler((_req, reply) => reply.code(404).type('text/plain; charset=utf-8').send(''))
  // Route schemas document the wire (/docs) only: fields are read by name with the §3.1 codes and
  // every reply is text the dialect writes, so Fastify compiles neither validators nor serializers.
  app.setValidatorCompiler(() => () => true)
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))

  // One route per method: only the POST documents a form body (Fastify refuses a body schema on GET).
  const handler = transactionHandler({ core, prefix: config.prefixes.packetera, publicBaseUrl: config.publicBaseUrl })
  for (const method of TRANSACTION_ENDPOINT.methods) {
    app.route({
      method,
      url: ENDPOINT,
      exposeHeadRoute: false,
      schema: {
        summary: 'Packetera transaction endpoint',
        description: 'GET query or POST form; `TransactionType` selects the transaction (spec/packetera.md §6). Always HTTP 200 with Name/Value pairs.',
        tags: ['packetera'],
        querystring: TransactionRequest,
        ...(method === 'POST' ? { body: TransactionRequest, consumes: ['application/x-www-form-urlencoded'] } : {}),
        response: TRANSACTION_REPLIES,
      },
      handler,
    })
  }
  app.route({
    method: ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'],
    url: ENDPOINT,
    schema: { hide: true },
    handler: async (_req, reply) => reply.code(405).header('allow', 'GET, POST').send(),
  })
  registerActivationPage(app, core)
  // The hosted button, teleform and callback requests a website visitor uses (spec §8, §9).
  const hosted: HostedContext = { core, prefix: config.prefixes.packetera, config, policy: callbackPolicyOf(config) }
  registerButtonRoutes(app, hosted)
  registerTeleformRoutes(app, hosted)
  registerCallbackStatusRoute(app, hosted)
}
export default plugin
