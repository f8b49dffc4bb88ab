import assert from 'node:assert/strict'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { sql } from 'drizzle-orm'
import { fileURLToPath } from 'node:url'
import { buildApp } from '../../src/app.ts'
import { openDatabase } from '../../src/db/client.ts'
import { initialiseApart } from '../../src/db/initialise.ts'
import { testConfig } from '../helpers/app.ts'
import { removeDir, tempDataDir } from '../cli/cli-process.ts'

// Issue 19 point 7: a new PGlite database is created and migrated in a short-lived child process
// (its grown WASM heap goes with it); the server then opens the finished database.

const JOURNAL = fileURLToPath(new URL('../../drizzle/', import.meta.url))

describe('a new PGlite database is initialised apart', () => {
  const dir = tempDataDir()
  after(() => removeDir(dir))

  test('the child leaves a database with every migration applied, which the server opens and serves', async () => {
    removeDir(dir)
    await initialiseApart({ dataDir: dir, pgliteSharedBuffers: '32MB' })
    const db = await openDatabase({ dataDir: dir })
    try {
      const applied = await db.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)
      const shipped = readdirSync(JOURNAL).filter((f) => f.endsWith('.sql')).length
      assert.equal((applied as unknown as { rows: { n: number }[] }).rows[0]!.n, shipped)
    } finally {
      await db.close()
    }
    const app = await buildApp({ config: testConfig({ dataDir: dir }) })
    try {
      assert.equal((await app.http.inject({ method: 'GET', url: '/healthz' })).statusCode, 200)
    } finally {
      await app.stop()
    }
  })

  test('a data directory that cannot be made fails the start with the reason, not a hang', async () => {
    const file = join(dir, 'not-a-dir')
    writeFileSync(file, 'x')
    await assert.rejects(initialiseApart({ dataDir: join(file, 'data') }), /initialising the database in .*not-a-dir\/data failed \(exit 1\)/)
  })
})
