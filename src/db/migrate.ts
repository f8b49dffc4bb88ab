import { fileURLToPath } from 'node:url'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { Database } from './client.ts'
import { seedBuiltins } from './seed.ts'
import { installChangeTriggers } from './change-notify.ts'

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url))
/** Arbitrary constant: the advisory lock that serialises migrations of processes starting together. */
const MIGRATION_LOCK = 726_100_001

/** Applies pending SQL migrations, then the built-in rows (roles, permissions, secrets). */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder })
    await seedBuiltins(database.db)
    return
  }
  // The lock is held by one dedicated connection while the migration runs on the pool.
  const lockClient = await database.pool!.connect()
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder })
    await seedBuiltins(database.db)
    await installChangeTriggers(database.db)
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    lockClient.release()
  }
}
