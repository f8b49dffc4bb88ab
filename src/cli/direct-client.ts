import { randomBytes } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { createCore } from '../app.ts'
import type { Config } from '../config.ts'
import { systemActor } from '../core/actor.ts'
import { isDomainError } from '../core/errors.ts'
import { rotateJwtSigningKey } from '../core/settings/jwt-signing-key.ts'
import { createPlatformUser, pageResellers, provisionReseller, resetUserPassword, stockNumbers } from '../core/platform/index.ts'
import { getPartnerSettings, updatePartnerSettings } from '../core/resellers/index.ts'
import { openDatabase, type Database } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { FrameworkErrorRenderers } from '../dialects/dialect.ts'
import { DocumentedOperations } from '../http/docs.ts'
import nativePlugin from '../dialects/native/plugin.ts'
import { createLogger } from '../logger.ts'
import { everyPage, nativeReply, type AdminClient } from './admin-client.ts'
import { CliError, type CliIo } from './output.ts'

// The admin client of a command that opens the database itself (no server holds it): the core in
// this process, and the native routes served in-process for AdminClient.native. Loaded on demand.

/**
 * Opens the database (migrating it) and the core over it; `release` frees the data directory's lock.
 * The core logs to `io`'s stderr, warnings and worse unless LOG_LEVEL says otherwise.
 */
export async function openDirectClient(config: Config, io: CliIo, where: { databaseUrl: string; poolSize: number } | { dataDir: string }, release: () => void): Promise<AdminClient> {
  return directClient(config, io, await openDatabase(where), release)
}

async function directClient(config: Config, io: CliIo, database: Database, release: () => void): Promise<AdminClient> {
  try {
    await migrate(database)
    const log = createLogger(io.env.LOG_LEVEL ? config.logLevel : 'warn', io.stderr)
    const core = await createCore(database, config, log)
    const run = async <T>(op: () => Promise<T>): Promise<T> => {
      try {
        return await op()
      } catch (e) {
        if (isDomainError(e)) throw new CliError(e.message)
        throw e
      }
    }
    let inProcess: Promise<{ http: FastifyInstance; token: string }> | null = null
    const nativeApp = () => (inProcess ??= (async () => {
      const token = randomBytes(24).toString('base64url')
      const http = Fastify({ loggerInstance: log as FastifyBaseLogger })
      await http.register(nativePlugin, { core, config, frameworkErrors: new FrameworkErrorRenderers(), docs: new DocumentedOperations(), adminToken: token, prefix: '/native' })
      await http.ready()
      return { http, token }
    })())
    return {
      via: 'direct',
      async native(method, path, body) {
        const { http, token } = await nativeApp()
        const res = await http.inject({
          method, url: `/native${path}`,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        })
        return nativeReply(res.statusCode, res.body)
      },
      async upload(path, source, contentType) {
        const { http, token } = await nativeApp()
        const res = await http.inject({ method: 'POST', url: `/native${path}`, headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload: source })
        return nativeReply(res.statusCode, res.body)
      },
      createReseller: (input) => run(() => provisionReseller(core, systemActor, input)),
      listResellers: () => run(() => everyPage((page) => pageResellers(core, systemActor, page))),
      createUser: (input) => run(() => createPlatformUser(core, systemActor, input)),
      resetUserPassword: (input) => run(() => resetUserPassword(core, systemActor, input)),
      addNumbers: (input) => run(() => stockNumbers(core, systemActor, input)),
      rotateJwtSigningKey: () => run(() => rotateJwtSigningKey(core, systemActor)),
      getResellerSettings: (id) => run(() => getPartnerSettings(core, systemActor, id)),
      updateResellerSettings: (id, patch) => run(() => updatePartnerSettings(core, systemActor, id, patch)),
      async close() {
        if (inProcess) await (await inProcess).http.close()
        await database.close()
        release()
      },
    }
  } catch (e) {
    await database.close()
    throw e
  }
}

