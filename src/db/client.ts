import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import pg from 'pg'
import * as schema from './schema.ts'
import { securePrivateDataDir, tightenTree } from './data-dir.ts'
import { WriteFeed } from './write-feed.ts'
import { trackPgliteWrites, trackPoolWrites } from './write-tracking.ts'

export type Schema = typeof schema
/** One query surface for both engines (a transaction is one too). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>

export interface Database {
  readonly db: Db
  readonly kind: 'pglite' | 'postgres'
  /** The pg pool (PostgreSQL only), for session-level work such as advisory locks. */
  readonly pool?: pg.Pool
  /** Tables this process's own statements changed, reported when committed (read caches). */
  readonly writes: WriteFeed
  /** Closes the pool / the embedded engine. */
  close(): Promise<void>
}

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, PGlite in `dataDir` (or in memory when dataDir is null). */
  databaseUrl?: string
  dataDir?: string | null
  poolSize?: number
  /** PGlite only: its shared_buffers (`32MB`); PGlite's default (128MB) when absent. */
  pgliteSharedBuffers?: string
  /** PGlite only: start from this dump (`dumpDataDir`) of an initialised database instead of running initdb. */
  pgliteDump?: Blob
}

/** Opens the database the options name. Does not migrate (see migrate.ts). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 })
    // An idle client's error (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => {})
    // The pool listens for errors on idle clients only: a checked-out client (a transaction between
    // two statements, the migration lock) whose server goes away would emit an unheard 'error' and
    // crash the process (issue 13 point 10). Its caller sees the failure on its next query instead,
    // and the pool discards the broken client when it is released.
    pool.on('connect', (client) => client.on('error', () => {}))
    const writes = new WriteFeed()
    trackPoolWrites(pool, writes)
    const db = drizzlePg(pool, { schema }) as unknown as Db
    return { db, kind: 'postgres', pool, writes, close: () => pool.end() }
  }
  // Private whatever the umask; PGlite writes a new database's files 0666 whatever the umask, so
  // they are tightened once more when it has opened (files it makes later follow the umask).
  if (options.dataDir) securePrivateDataDir(options.dataDir)
  if (options.pgliteSharedBuffers !== undefined && !/^[1-9][0-9]{0,5}(kB|MB|GB)$/.test(options.pgliteSharedBuffers)) {
    throw new Error(`PGLITE_SHARED_BUFFERS must be a size such as 32MB, not ${JSON.stringify(options.pgliteSharedBuffers)}`)
  }
  const conf = options.pgliteSharedBuffers ? { postgresqlconf: [`shared_buffers=${options.pgliteSharedBuffers}`] } : {}
  const client = options.pgliteDump
    ? await PGlite.create(options.dataDir ?? undefined, { loadDataDir: options.pgliteDump, ...conf })
    : options.dataDir ? new PGlite(options.dataDir, conf) : new PGlite(conf)
  await client.waitReady
  if (options.dataDir) tightenTree(options.dataDir)
  const writes = new WriteFeed()
  trackPgliteWrites(client, writes)
  const db = drizzlePglite(client, { schema }) as unknown as Db
  return { db, kind: 'pglite', writes, close: () => client.close() }
}
