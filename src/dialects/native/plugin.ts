import type { FastifyError, FastifyPluginAsync } from 'fastify'
import { isDomainError } from '../../core/errors.ts'
import { databaseUnavailable } from '../../core/kernel/db-errors.ts'
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
    const domain = isDomainError(err) ? err : databaseUnavailable(err)
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

  routeOperations(app, NATIVE_OPERATIONS, core)
}
export default plugin
