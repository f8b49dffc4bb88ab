import { errorCodes, type FastifyError, type FastifyPluginAsync } from 'fastify'
import { Invalid } from '../../core/errors.ts'
import { domainErrorOf } from '../../core/kernel/index.ts'
import type { DialectOptions } from '../dialect.ts'
import { setRetryAfter, tagDialect } from '../dialect.ts'
import { authenticateNative } from './auth.ts'
import { routeOperations } from '../operation.ts'
import { renderNativeError, renderValidationError } from './errors.ts'
import { NATIVE_OPERATIONS } from './operations.ts'

export interface NativeOptions extends DialectOptions {
  /** The server's admin token (the CLI's credential); without it only platform admins' Basic logins work. */
  adminToken?: string
}

/** The native admin API: what the CLI (and operators' scripts) use to administer the platform. */
const plugin: FastifyPluginAsync<NativeOptions> = async (app, { core, adminToken }) => {
  tagDialect(app, 'native')
  app.decorateRequest('nativeActor', null as never)

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const domain = domainErrorOf(err)
    if (domain) {
      setRetryAfter(reply, domain)
      const { status, body } = renderNativeError(domain)
      return reply.code(status).send(body)
    }
    if (err.validation) {
      const { status, body } = renderValidationError(err)
      return reply.code(status).send(body)
    }
    const status = err.statusCode
    if (status && status >= 400 && status < 500) return reply.code(status).send({ error: err.message })
    req.log.error({ err: { name: err.name, code: err.code } }, 'native: unhandled error')
    return reply.code(500).send({ error: 'internal error' })
  })
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'no such route' }))

  app.addHook('onRequest', async (req) => {
    req.nativeActor = await authenticateNative(core, adminToken, req)
  })

  // A body field the route does not know is refused, naming it, before Ajv would strip it (Fastify's
  // removeAdditional): a misspelt field must not answer 200 having changed nothing.
  app.addHook('preValidation', async (req) => {
    const field = unknownBodyField(req.routeOptions.schema?.body, req.body)
    if (field !== undefined) throw new Invalid(field, 'is not a known field')
  })

  // Ajv coerces "1e309" or "Infinity" in a path or query to Infinity and then skips the numeric
  // keywords (minimum, maximum) for it, and JSON.parse reads 1e309 as Infinity: no schema refuses
  // a non-finite number, which then fails in SQL (a 500 the route fuzz found, issue 13 point 9).
  app.addHook('preHandler', async (req) => {
    const field = nonFiniteField({ ...(req.params as object), ...(req.query as object) }) ?? nonFiniteField(req.body)
    if (field !== undefined) throw new Invalid(field, 'is not a finite number')
  })

  // A CSV upload is read as it arrives (POST /groups/:id/contacts.csv), never buffered whole. Only
  // a route that consumes CSV gets the stream: elsewhere a CSV body is an unsupported type like any
  // other (a stream reaching a JSON body schema had Ajv strip its properties: a 500 the fuzz found).
  app.addContentTypeParser('text/csv', (req, payload, done) => {
    if ((req.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes?.includes('text/csv')) return done(null, payload)
    done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE())
  })

  routeOperations(app, NATIVE_OPERATIONS, core)
}

/** The dotted name of the first non-finite number in a validated value, if any. */
function nonFiniteField(value: unknown, path = '', depth = 0): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path
  if (value === null || typeof value !== 'object' || depth > 32) return undefined
  for (const [k, v] of Object.entries(value)) {
    const found = nonFiniteField(v, path ? `${path}.${k}` : k, depth + 1)
    if (found !== undefined) return found
  }
  return undefined
}
export default plugin

/**
 * The first top-level field of a JSON object body that the route's body schema does not list, when
 * the schema is an object with properties and allows no others (undefined otherwise: unions, maps,
 * free-form objects and non-object bodies are left to the schema).
 */
function unknownBodyField(schema: unknown, body: unknown): string | undefined {
  const s = schema as { type?: unknown; properties?: Record<string, unknown>; additionalProperties?: unknown; patternProperties?: unknown } | undefined
  if (!s || s.type !== 'object' || !s.properties || s.patternProperties !== undefined) return undefined
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return undefined
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined
  return Object.keys(body).find((k) => !Object.hasOwn(s.properties!, k))
}
