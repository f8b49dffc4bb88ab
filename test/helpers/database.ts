import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'

export type DatabaseKind = 'pglite' | 'postgres'

/** The engines a database test runs on: PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const TEST_DATABASES: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/**
 * A fresh, migrated database: PGlite in memory, or a new PostgreSQL database on the
 * TEST_DATABASE_URL server (dropped again by `close`).
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: null })
    await migrate(db)
    return db
  }
  const scratch = await createScratchPostgresDatabase()
  const db = await openDatabase({ databaseUrl: scratch.url, poolSize: 10 })
  await migrate(db)
  return {
    ...db,
    async close() {
      await db.close()
      await scratch.drop()
    },
  }
}

/** The connection string of a fresh PostgreSQL database (for tests that start processes). */
export async function createScratchPostgresDatabase(
  adminUrl = process.env.TEST_DATABASE_URL,
  prefix = 'sb_test',
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}
