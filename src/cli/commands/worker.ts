import { loadConfig } from '../../config.ts'
import { acquireDataDirLock } from '../../db/lock.ts'
import { defineCommand } from '../command.ts'

/**
 * `switchboard worker`: the dispatcher alone (no HTTP). Several may run against one PostgreSQL
 * database, beside `serve --no-dispatch` API processes; on PGlite it needs the data directory to itself.
 */
const command = defineCommand({
  name: 'worker',
  summary: 'run the dispatcher alone (no HTTP), beside `serve --no-dispatch` API processes',
  details: 'Several workers may share one PostgreSQL database; on PGlite a worker needs DATA_DIR to itself.',
  options: {},
  examples: ['DATABASE_URL=postgres://… npx switchboard worker'],
  async run(_values, out) {
    // Loaded when the worker runs, not for every other command (commands/index.ts lists them all).
    const [{ createCore, followChanges, secureDataDirs }, { openDatabase }, { migrate }, { availableGateways, Dispatcher }, { createLogger }] = await Promise.all([
      import('../../app.ts'), import('../../db/client.ts'), import('../../db/migrate.ts'), import('../../dispatch/index.ts'), import('../../logger.ts'),
    ])
    const config = loadConfig(out.io.env)
    const log = createLogger(config.logLevel, undefined, config.logFormat)
    secureDataDirs(config, log)
    const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir)
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgliteSharedBuffers: config.pgliteSharedBuffers })
    try {
      await migrate(database)
      const core = await createCore(database, config, log)
      const dispatcher = new Dispatcher(core, config.dispatch, availableGateways(core))
      // Sends, campaign starts and schedules made through API processes wake this worker.
      const stopFollowing = await followChanges(database, core, (tables) => dispatcher.tablesChanged(tables))
      await dispatcher.start()
      log.info({ worker: dispatcher.workerId, database: database.kind }, 'switchboard worker dispatching')
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          log.info({ signal }, 'worker stopping')
          dispatcher.stop().then(stopFollowing).catch((e: Error) => log.error({ err: { name: e.name } }, 'error while stopping')).finally(resolve)
        }
        out.io.signals.once('SIGINT', stop)
        out.io.signals.once('SIGTERM', stop)
      })
    } finally {
      await database.close()
      lock?.release()
    }
    log.info('worker stopped')
    return 0
  },
})
export default command
