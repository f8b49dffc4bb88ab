import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import { openDatabase } from '../../src/db/client.ts'
import { createScratchPostgresDatabase } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'

// PostgreSQL only, where the suite's other PostgreSQL runs happen: when TEST_DATABASE_URL names a server (CI sets it).
if (process.env.TEST_DATABASE_URL) test('a checked-out PostgreSQL client whose connection is cut does not crash the process, issue 13 point 10',
  async (t) => {
    const scratch = await createScratchPostgresDatabase()
    t.after(() => scratch.drop())
    const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 })
    t.after(() => database.close())
    const client = await database.pool!.connect()
    const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
    let heard = 0
    client.on('error', () => { heard++ })
    // Between two statements, as in a transaction: the server ends the connection (a restart, a kill).
    const admin = new pg.Client({ connectionString: scratch.url })
    await admin.connect()
    await admin.query('select pg_terminate_backend($1)', [pid])
    await admin.end()
    // Without a listener of the pool's own, this 'error' event would have been unheard: a crash.
    await until('the cut connection to be reported', () => heard, (n) => n > 0)
    await assert.rejects(client.query('select 1'))
    client.release(true)
    const { rows } = await database.pool!.query<{ one: number }>('select 1 as one')
    assert.equal(rows[0]!.one, 1, 'the pool serves on with a new connection')
  })

test("PGlite runs with the configured shared_buffers, 32MB by default, and refuses a value that is no size", async () => {
  const { loadConfig } = await import('../../src/config.ts')
  assert.equal(loadConfig({}).pgliteSharedBuffers, '32MB')
  const database = await openDatabase({ dataDir: null, pgliteSharedBuffers: '24MB' })
  try {
    const { rows } = (await database.db.execute(sql`show shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] }
    assert.equal(rows[0]!.shared_buffers, '24MB')
  } finally {
    await database.close()
  }
  await assert.rejects(openDatabase({ dataDir: null, pgliteSharedBuffers: '32 MB; drop' }), /PGLITE_SHARED_BUFFERS must be a size such as 32MB/)
})
