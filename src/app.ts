import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Config } from './config.ts'
import type { Core } from './core/core.ts'
import { CredentialCache, Keyring } from './core/secrets/index.ts'
import { ReadCache, TableGenerations } from './core/read-cache.ts'
import { NO_LOGIN_EVENTS, type LoginLimitEvents } from './core/login-limits/index.ts'
import { ProviderHealthBoard } from './core/providers/index.ts'
import { mailTransportOf } from './core/delivery/index.ts'
import { ChangeListener } from './db/change-notify.ts'
import { withCascades } from './db/cascades.ts'
import { openDatabase, type Database } from './db/client.ts'
import { initialiseApart } from './db/initialise.ts'
import { securePrivateDataDir } from './db/data-dir.ts'
import { migrate } from './db/migrate.ts'
import { DocumentedOperations, registerDocs } from './http/docs.ts'
import { registerHealth } from './http/health.ts'
import { registerHome } from './http/home.ts'
import { registerMetrics } from './http/metrics.ts'
import { registerAddressLimit } from './http/address-limit.ts'
import { LoginMetrics } from './http/login-metrics.ts'
import { Limited } from './core/errors.ts'
import { registerRequestLog } from './http/request-log.ts'
import { requestLoggerFactory } from './http/request-logger.ts'
import { createLogger } from './logger.ts'
import { loadSecretKey } from './secret-key.ts'
import { FrameworkErrorRenderers } from './dialects/dialect.ts'
import ictcore from './dialects/ictcore/plugin.ts'
import packetera from './dialects/packetera/plugin.ts'
import resellerclub from './dialects/resellerclub/plugin.ts'
import porta from './dialects/porta/plugin.ts'
import delacon from './dialects/delacon/plugin.ts'
import native from './dialects/native/plugin.ts'
import gatewayEntryPoints from './dialects/native/gateway-entry-points.ts'
import { availableGateways, Dispatcher, gatewayDefaultPort, GatewayEntryPoints, providerSettingsProblem, startInboundSmtp } from './dispatch/index.ts'

export interface AppOptions {
  config: Config
  /** An already opened (and migrated) database; otherwise opened from config and migrated. */
  database?: Database
  logger?: Logger
  /** Token that authorises the native admin API (`serve` puts it in the PGlite lock file for the CLI). */
  adminToken?: string
  /** Run the dispatcher in this process too (`serve` does unless `--no-dispatch`). */
  dispatch?: boolean
}

export interface SwitchboardApp {
  readonly http: FastifyInstance
  readonly core: Core
  readonly database: Database
  /** The dispatcher of this process, when it runs one. */
  readonly dispatcher: Dispatcher | null
  /** Listens on config host/port; resolves to the base URL. */
  listen(): Promise<string>
  /** Stops in reverse order of start: HTTP (finishing in-flight requests), then the database. */
  stop(): Promise<void>
}

/** Builds the core context over an open, migrated database. */
export async function createCore(database: Database, config: Config, log: Logger, loginEvents: LoginLimitEvents = NO_LOGIN_EVENTS): Promise<Core> {
  const generations = new TableGenerations()
  database.writes.subscribe((tables) => generations.bump(withCascades(tables)))
  const reads = new ReadCache(generations)
  // On PostgreSQL other processes write too: trust the cache only while their notices arrive.
  if (database.kind === 'postgres') reads.trusted = false
  return {
    reads,
    db: database.db,
    dbKind: database.kind,
    keyring: new Keyring(loadSecretKey(config.secretKey, config.dataDir)),
    credentials: new CredentialCache(config.credentialCacheTtlMs),
    log,
    mediaDir: mediaDirOf(config),
    timing: { retryDelayMs: config.dispatch.retryDelaySeconds * 1000, spoolTimeoutMs: config.dispatch.spoolTimeoutSeconds * 1000 },
    // Each gateway parses its own settings; API-only processes check them through the same registry.
    checkProviderSettings: providerSettingsProblem,
    gatewayDefaultPort,
    mailTransport: mailTransportOf(config.smtpUrl),
    providerHealth: new ProviderHealthBoard(),
    loginLimits: {
      settings: {
        maxFailures: config.limits.loginMaxFailures,
        lockBaseSeconds: config.limits.loginLockBaseSeconds,
        lockMaxSeconds: config.limits.loginLockMaxSeconds,
        addressMaxFailuresPerMinute: config.limits.addressMaxFailuresPerMinute,
      },
      events: loginEvents,
    },
    now: () => new Date(),
  }
}

/**
 * Follows committed writes: this process's (the database's write feed) and, on PostgreSQL, other
 * processes' (change notices, which also keep `core`'s read cache exact: it is trusted only while
 * they arrive). `onTables` hears of both; `*` = anything (a lost and regained notice connection).
 * Resolves to the function that stops following.
 */
export async function followChanges(database: Database, core: Core, onTables: (tables: readonly string[]) => void): Promise<() => Promise<void>> {
  const unsubscribe = database.writes.subscribe(onTables)
  const changes = database.kind === 'postgres'
    ? new ChangeListener(
      database.pool!.options.connectionString!,
      (table) => {
        core.reads.generations.bump([table])
        onTables([table])
      },
      (up) => {
        // Whatever changed while notices were not arriving is unknown: start afresh.
        core.reads.generations.bump(['*'])
        core.reads.trusted = up
        if (up) onTables(['*'])
      },
    )
    : null
  try {
    await changes?.start()
  } catch (e) {
    unsubscribe()
    throw e
  }
  return async () => {
    unsubscribe()
    await changes?.stop()
  }
}

/** Where a deployment keeps media: `MEDIA_DIR`, else `<DATA_DIR>/media`. */
export function mediaDirOf(config: Pick<Config, 'dataDir' | 'mediaDir'>): string {
  return config.mediaDir ?? join(config.dataDir, 'media')
}

/**
 * Makes the data directory (and a media directory elsewhere) private to this process's user before
 * anything is written there, and warns when an existing one was readable by others.
 */
export function secureDataDirs(config: Config, log: Logger): void {
  for (const dir of new Set([config.dataDir, mediaDirOf(config)])) {
    const loosened = securePrivateDataDir(dir)
    if (loosened.length) {
      log.warn({ dir, paths: loosened.length }, 'the data directory was readable or writable by other users: tightened to 0700/0600; rotate the secrets it held (switchboard jwt rotate, API keys) if other users could log in here')
    }
  }
}

/** The composition root: database, core, HTTP with every dialect. */
export async function buildApp(options: AppOptions): Promise<SwitchboardApp> {
  const { config } = options
  const log = options.logger ?? createLogger(config.logLevel, undefined, config.logFormat)
  const ownsDatabase = !options.database
  secureDataDirs(config, log)
  const databaseOptions = { databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSharedBuffers: config.pgliteSharedBuffers }
  const newPglite = ownsDatabase && !config.databaseUrl && !existsSync(join(config.dataDir, 'PG_VERSION'))
  if (newPglite) await initialiseApart(databaseOptions)
  const database = options.database ?? (await openDatabase(databaseOptions))
  let stopFollowing: (() => Promise<void>) | null = null
  let dispatcher: Dispatcher | null = null
  let inboundSmtp: { stop(): Promise<void> } | null = null
  try {
    if (ownsDatabase) await migrate(database)
    const loginMetrics = new LoginMetrics()
    const core = await createCore(database, config, log, loginMetrics)
    // The dispatcher (made below, when this process runs one) hears of writes that give it work.
    stopFollowing = await followChanges(database, core, (tables) => dispatcher?.tablesChanged(tables))
    const frameworkErrors = new FrameworkErrorRenderers()
    const http = Fastify({
      loggerInstance: log as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      childLoggerFactory: requestLoggerFactory,
      genReqId: (req) => {
        const given = req.headers['x-request-id']
        return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID()
      },
      requestIdHeader: false,
      trustProxy: false,
      bodyLimit: 1024 * 1024,
      routerOptions: { ignoreTrailingSlash: false },
      // Errors raised before routing (a malformed %-escape, a bad Content-Type header) must not echo
      // the URL: Porta's License is a path segment and other dialects carry keys in the query.
      frameworkErrors: (err, req, reply) => {
        ;(reply as unknown as FastifyReply).header('x-request-id', req.id)
        const render = frameworkErrors.find(req.url)
        if (render) return render(err, req as unknown as FastifyRequest, reply as unknown as FastifyReply)
        const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400
        ;(reply as unknown as FastifyReply).code(status).send({ error: 'bad_request' })
      },
    })
    // Set when the request arrives (error replies keep it): an onSend hook would cost every reply a hook run.
    http.addHook('onRequest', (req, reply, done) => {
      reply.header('x-request-id', req.id)
      done()
    })
    registerMetrics(http, loginMetrics, () => core.providerHealth.all())
    // First on every request, before any dialect's hooks (issue 13 finding 3).
    await registerAddressLimit(http, core, config.limits.addressMaxRequestsPerMinute, loginMetrics)
    registerRequestLog(http)
    const docs = new DocumentedOperations()
    await registerDocs(http, docs)
    registerHealth(http, database.db)
    registerHome(http)
    http.setErrorHandler((err: { statusCode?: number; code?: string; name?: string }, req, reply) => {
      if (err instanceof Limited) return reply.code(429).header('retry-after', String(err.retryAfterSeconds)).send({ error: 'too_many_requests' })
      const status = err.statusCode
      if (status && status >= 400 && status < 500) return reply.code(status).send({ error: err.code ?? 'bad_request' })
      req.log.error({ err: { name: err.name, code: err.code } }, 'unhandled error')
      return reply.code(500).send({ error: 'internal_error' })
    })
    http.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not_found' }))

    const opts = { core, config, frameworkErrors, docs }
    await http.register(ictcore, { ...opts, prefix: config.prefixes.ictcore })
    await http.register(packetera, { ...opts, prefix: config.prefixes.packetera })
    await http.register(resellerclub, { ...opts, prefix: config.prefixes.resellerclub })
    await http.register(porta, { ...opts, prefix: config.prefixes.porta })
    await http.register(delacon, { ...opts, prefix: config.prefixes.delacon })
    await http.register(native, { ...opts, adminToken: options.adminToken, prefix: '/native' })
    // One set of gateways per process: the dispatcher's, whose sends the peers' callbacks answer.
    const gateways = availableGateways(core, { publicBaseUrl: config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`, smtpFrom: config.smtpFrom })
    await http.register(gatewayEntryPoints, { core, adminToken: options.adminToken, entryPoints: new GatewayEntryPoints(core, gateways), prefix: '/native' })
    await http.ready()
    dispatcher = options.dispatch ? new Dispatcher(core, config.dispatch, gateways) : null
    await dispatcher?.start()
    // Inbound email over SMTP (spec/gateways.md §4), when SMTP_LISTEN is set.
    if (config.smtpListen) inboundSmtp = await startInboundSmtp(core, { listen: config.smtpListen, tlsCert: config.smtpTlsCert, tlsKey: config.smtpTlsKey })

    return {
      http, core, database, dispatcher,
      async listen() {
        return http.listen({ port: config.port, host: config.host })
      },
      async stop() {
        // Fastify closes idle keep-alive connections once; a connection whose request finishes during
        // the stop would otherwise stay open until its keep-alive timeout, so idle ones are swept.
        const sweep = setInterval(() => http.server.closeIdleConnections(), 50)
        try {
          await http.close()
        } finally {
          clearInterval(sweep)
        }
        await inboundSmtp?.stop()
        await dispatcher?.stop()
        await stopFollowing?.()
        if (ownsDatabase) await database.close()
      },
    }
  } catch (e) {
    await inboundSmtp?.stop()
    await dispatcher?.stop()
    await stopFollowing?.()
    if (ownsDatabase) await database.close()
    throw e
  }
}
