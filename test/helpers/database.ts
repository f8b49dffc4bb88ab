import { createHash, randomBytes } from 'node:crypto'
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'

export type DatabaseKind = 'pglite' | 'postgres'

/** Where the migrated PGlite dump and data directory of the current set of migrations are kept (without extension). */
function migratedPglitePath(): string {
  const migrations = join(fileURLToPath(new URL('../../drizzle', import.meta.url)))
  const hash = createHash('sha256')
  for (const f of readdirSync(migrations).sort()) if (f.endsWith('.sql')) hash.update(f).update(readFileSync(join(migrations, f)))
  return join(tmpdir(), `switchboard-pglite-${hash.digest('hex').slice(0, 16)}`)
}

/**
 * A dump of a freshly migrated PGlite database, made once per set of migrations and shared by
 * every test process through a file in the temp dir: PGlite's initdb costs seconds per database.
 */
async function migratedPgliteDump(): Promise<Blob> {
  const file = `${migratedPglitePath()}.tar`
  if (existsSync(file)) return new Blob([readFileSync(file)])
  const db = await openDatabase({ dataDir: null })
  await migrate(db)
  const dump = await (db.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client.dumpDataDir('none')
  await db.close()
  const tmp = `${file}.${process.pid}`
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
  renameSync(tmp, file)
  return dump
}

/**
 * Fills `dir` with a freshly migrated PGlite data directory, a copy of one made once per set of
 * migrations (from the dump) instead of initdb in the process under test, which costs seconds: for
 * process tests whose subject is not a first start on a new directory.
 */
export async function copyMigratedPgliteDataDir(dir: string): Promise<void> {
  const template = `${migratedPglitePath()}.d`
  if (!existsSync(template)) {
    const tmp = `${template}.${process.pid}`
    const db = await openDatabase({ dataDir: tmp, pgliteDump: await migratedPgliteDump() })
    await db.close()
    // Another test process may have made it meanwhile: theirs is as good as ours.
    try { renameSync(tmp, template) } catch { rmSync(tmp, { recursive: true, force: true }) }
  }
  cpSync(template, dir, { recursive: true })
}

/** The engines a database test runs on: PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const TEST_DATABASES: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/**
 * A fresh, migrated database: PGlite in memory, or a new PostgreSQL database on the
 * TEST_DATABASE_URL server (dropped again by `close`).
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const db = await openDatabase({ dataDir: null, pgliteDump: await migratedPgliteDump() })
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
