import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import type { Config } from '../config.ts'
import type { Core } from '../core/core.ts'

/** What app.ts hands every dialect plugin (registered under the dialect's prefix, encapsulated). */
export interface DialectOptions {
  core: Core
  config: Config
}

export type DialectPlugin = FastifyPluginAsync<DialectOptions>

/** Marks every request of this (encapsulated) scope as served by `dialect`, for metrics and logs. */
export function tagDialect(app: FastifyInstance, dialect: string): void {
  app.addHook('onRequest', async (req) => {
    req.dialect = dialect
  })
}
