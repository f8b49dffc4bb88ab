import { createHash, randomBytes } from 'node:crypto'
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { migrate } from '../../src/db/migrate.ts'

export type DatabaseKind = 'pglite' | 'postgres'

/** A short hash of the current set of migrations: names the migrated templates made from them. */
function migrationsHash(): string {
  const migrations = join(fileURLToPath(new URL('../../drizzle', import.meta.url)))
  const hash = createHash('sha256')
  for (const f of readdirSync(migrations).sort()) if (f.endsWith('.sql')) hash.update(f).update(readFileSync(join(migrations, f)))
  return hash.digest('hex').slice(0, 16)
}

/** Where the migrated PGlite dump and data directory of the current set of migrations are kept (without extension). */
function migratedPglitePath(): string {
  return join(tmpdir(), `switchboard-pglite-${migrationsHash()}`)
}

let pgliteDump: Promise<Blob> | null = null

/**
 * A dump of a freshly migrated PGlite database, made once per set of migrations and shared by
 * every test process through a file in the temp dir: PGlite's initdb costs seconds per database.
 * Read once per process (a Blob is immutable, the file 44 MB), also by callers that ask at once.
 */
function migratedPgliteDump(): Promise<Blob> {
  pgliteDump ??= readOrMakePgliteDump()
  return pgliteDump
}

async function readOrMakePgliteDump(): Promise<Blob> {
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
  const scratch = await createScratchPostgresDatabase(process.env.TEST_DATABASE_URL, 'sb_test', await migratedPostgresTemplate())
  const db = await openDatabase({ databaseUrl: scratch.url, poolSize: 10 })
  return {
    ...db,
    async close() {
      await db.close()
      await scratch.drop()
    },
  }
}

/** A connection string on the admin server with another database name. */
function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * The name of a migrated PostgreSQL database to copy test databases from (`create database … template`),
 * made once per set of migrations on the server: migrating every test database costs ~100 ms each.
 * An advisory lock makes concurrent test processes wait for the one that makes it; templates of
 * other migration sets are dropped then. `TEST_TEMPLATE_SCOPE` names a separate family of templates
 * (work trees with different migrations testing on one server at once must not drop each other's).
 */
async function migratedPostgresTemplate(adminUrl = process.env.TEST_DATABASE_URL): Promise<string> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const scope = (process.env.TEST_TEMPLATE_SCOPE ?? '').replace(/[^a-z0-9]/g, '')
  const family = scope ? `sb_tpl_${scope}_` : 'sb_tpl_'
  const name = `${family}${migrationsHash()}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', ['switchboard test template'])
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name])
    // a scoped family's names share the unscoped prefix: the unscoped family keeps to hash-only names
    const familyPattern = scope ? `${family.replace(/_/g, '\\_')}%` : 'sb\\_tpl\\_%'
    if (!rowCount) {
      const stale = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [familyPattern])
      for (const { datname } of stale.rows) {
        if (!scope && !/^sb_tpl_[0-9a-f]+$/.test(datname)) continue
        await admin.query(`drop database if exists ${datname} with (force)`)
      }
      const building = `${name}_building`
      await admin.query(`drop database if exists ${building}`)
      await admin.query(`create database ${building}`)
      const db = await openDatabase({ databaseUrl: databaseUrl(adminUrl, building), poolSize: 2 })
      try { await migrate(db) } finally { await db.close() }
      await admin.query(`alter database ${building} rename to ${name}`)
    }
  } finally {
    await admin.end()
  }
  return name
}

/**
 * The connection string of a fresh PostgreSQL database (for tests that start processes): empty, or
 * a copy of `template`.
 */
export async function createScratchPostgresDatabase(
  adminUrl = process.env.TEST_DATABASE_URL,
  prefix = 'sb_test',
  template?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`)
  await admin.end()
  return {
    url: databaseUrl(adminUrl, name),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}
