import { loadConfig } from '../../config.ts'
import { acquireDataDirLock, DataDirLocked, readDataDirLock } from '../../db/lock.ts'
import { defineCommand, JSON_OPTION } from '../command.ts'

const command = defineCommand({
  name: 'migrate',
  summary: 'apply the database migrations this version ships (serve and worker also do at start)',
  options: { ...JSON_OPTION },
  examples: ['npx switchboard migrate', 'DATABASE_URL=postgres://… npx switchboard migrate --json'],
  async run(_values, out) {
    const [{ openDatabase }, { migrate }] = await Promise.all([import('../../db/client.ts'), import('../../db/migrate.ts')])
    const config = loadConfig(out.io.env)
    if (config.databaseUrl) {
      // Processes migrating together serialise on an advisory lock (src/db/migrate.ts).
      const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 2 })
      try { await migrate(database) } finally { await database.close() }
      out.result({ migrated: true, database: 'postgres' }, 'database migrated (PostgreSQL)')
      return
    }
    let lock: ReturnType<typeof acquireDataDirLock>
    try {
      lock = acquireDataDirLock(config.dataDir)
    } catch (e) {
      const holder = e instanceof DataDirLocked ? readDataDirLock(config.dataDir) : null
      // A running server applied every migration of its code when it started.
      if (holder?.url) {
        out.result({ migrated: true, database: 'pglite', server: holder.url }, `database is served by ${holder.url}, which migrated it at start`)
        return
      }
      throw e
    }
    try {
      const database = await openDatabase({ dataDir: config.dataDir })
      try { await migrate(database) } finally { await database.close() }
    } finally {
      lock.release()
    }
    out.result({ migrated: true, database: 'pglite' }, `database migrated (PGlite in ${config.dataDir})`)
  },
})
export default command
