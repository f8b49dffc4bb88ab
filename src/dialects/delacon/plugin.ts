import type { FastifyError, FastifyInstance, HTTPMethods } from 'fastify'
import { domainErrorOf } from '../../core/kernel/index.ts'
import type { DialectPlugin } from '../dialect.ts'
import { setRetryAfter, tagDialect } from '../dialect.ts'
import { routeOperations } from '../operation.ts'
import { IGNORED, invalid, parseForm, parseJson, sendEnvelope } from './codec.ts'
import { renderDelaconError, SOMETHING_WENT_WRONG } from './errors.ts'
import { DELACON_OPERATIONS } from './operations.ts'

const ALL_METHODS: HTTPMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS']

/** Answers the methods a route does not serve with 405, an `Allow` header and the envelope (§1). */
function methodNotAllowed(app: FastifyInstance, url: string, allowed: HTTPMethods[]): void {
  app.route({
    method: ALL_METHODS.filter((m) => !allowed.includes(m)),
    url,
    schema: { hide: true },
    handler: async (_req, reply) => sendEnvelope(reply.header('allow', allowed.join(', ')), { RESULT: 'FAIL', MESSAGE: 'Method not allowed' }, 405),
  })
}

/**
 * The Delacon Provisioning API (spec/delacon.md): provision, updatecustomer, getnumbertypes under
 * `<prefix>/rest/config/`, authenticated by the partner's `Auth` header.
 */
const plugin: DialectPlugin = async (app, { core, frameworkErrors }) => {
  tagDialect(app, 'delacon')
  // A path the router cannot even decode (a malformed %-escape) names no known call.
  frameworkErrors.add(app.prefix, (_err, _req, reply) => sendEnvelope(reply, { RESULT: 'FAIL', MESSAGE: 'Not found' }, 404))

  // §1: form bodies (also with no Content-Type), JSON objects; any other body is ignored.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, parseForm(body as string)))
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, parseJson(body as string)))
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    done(null, req.headers['content-type'] === undefined ? parseForm(body as string) : IGNORED)
  })

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const domain = domainErrorOf(err)
    if (domain) {
      setRetryAfter(reply, domain)
      const { status, body } = renderDelaconError(domain)
      return sendEnvelope(reply, body, status)
    }
    // Framework 4xx (body too large, unreadable body): the request could not be read.
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendEnvelope(reply, invalid(['malformed request body']))
    req.log.error({ err: { name: err.name, code: err.code } }, 'delacon: unhandled error')
    return sendEnvelope(reply, SOMETHING_WENT_WRONG, 500)
  })
  // Route schemas document the wire (/docs) only: the codec reads parameters with the §8 messages
  // and replies are sent as JSON text in the §3 key order, so Fastify compiles neither from them.
  app.setValidatorCompiler(() => () => true)
  app.setSerializerCompiler(() => (data) => JSON.stringify(data))
  app.setNotFoundHandler((_req, reply) => sendEnvelope(reply, { RESULT: 'FAIL', MESSAGE: 'Not found' }, 404))

  routeOperations(app, DELACON_OPERATIONS, core)
  for (const op of DELACON_OPERATIONS.operations) methodNotAllowed(app, op.path, [...op.methods])
}
export default plugin
