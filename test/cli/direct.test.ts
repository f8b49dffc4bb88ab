import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { createScratchPostgresDatabase } from '../helpers/database.ts'
import { readLockFile, removeDir, runCli, startServer, tempDataDir } from './cli-process.ts'

// One data directory, new at the first command; the tests build on what the ones before created.
describe('switchboard commands without a running server (PGlite)', () => {
  let dataDir: string
  /** The reseller the first command created. */
  let reseller: { id: number }
  before(() => { dataDir = tempDataDir() })
  after(() => removeDir(dataDir))

  test('reseller create --json opens the data directory directly and releases it', async () => {
    const res = await runCli(['reseller', 'create', '--name', 'Direct Telecom', '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    const out = JSON.parse(res.stdout)
    reseller = out
    assert.deepEqual(Object.keys(out).sort(), ['apiKey', 'id', 'username'])
    assert.ok(Number.isInteger(out.id))
    assert.match(out.username, /^directtelecom\d+$/)
    assert.ok(out.username.length <= 20)
    assert.match(out.apiKey, /^[A-Za-z0-9]{20}$/)
    assert.equal(readLockFile(dataDir), null)
  })

  test('user create --json with --reseller creates the user in that reseller and answers its id', async () => {
    const res = await runCli(['user', 'create', '--username', 'member1', '--password', 'member-pw', '--reseller', String(reseller.id), '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    assert.deepEqual(Object.keys(JSON.parse(res.stdout)), ['id'])
  })

  test('numbers add --json adds tracking numbers of a region and type', async () => {
    const res = await runCli(['numbers', 'add', '--region', 'Australia', '--type', '1800', '--count', '4', '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    assert.deepEqual(JSON.parse(res.stdout), { added: 4 })
    const bad = await runCli(['numbers', 'add', '--region', 'Australia', '--type', '9999', '--count', '1', '--json'], { DATA_DIR: dataDir })
    assert.equal(bad.code, 1)
    assert.deepEqual(JSON.parse(bad.stdout), { error: 'numberType is invalid for region Australia' })
  })

  test('bad input is one line: a JSON error object with --json, a message on stderr without', async () => {
    // Independent commands, run together (those that open the directory take turns at its lock).
    const [missing, unknownReseller, human, unknownOption, unknownCommand] = await Promise.all([
      ['user', 'create', '--username', 'x', '--json'],
      ['user', 'create', '--username', 'y', '--password', 'secret-1', '--reseller', '987654', '--json'],
      ['reseller', 'create', '--name', 'Bad', '--username', 'no spaces allowed'],
      ['reseller', 'create', '--nme', 'x', '--json'],
      ['frobnicate', '--json'],
    ].map((args) => runCli(args, { DATA_DIR: dataDir })))
    assert.equal(missing!.code, 1)
    assert.deepEqual(JSON.parse(missing!.stdout), { error: '--password is required' })
    assert.equal(unknownReseller!.code, 1)
    assert.deepEqual(JSON.parse(unknownReseller!.stdout), { error: 'Reseller not found' })
    assert.equal(human!.code, 1)
    assert.equal(human!.stdout, '')
    assert.match(human!.stderr, /^switchboard: username must be 1-20 letters/m)
    assert.equal(unknownOption!.code, 1)
    assert.match(JSON.parse(unknownOption!.stdout).error, /Unknown option '--nme'/)
    assert.equal(unknownCommand!.code, 1)
    assert.deepEqual(JSON.parse(unknownCommand!.stdout), { error: 'unknown command "frobnicate" (try switchboard --help)' })
  })

  test('a server started afterwards serves what the commands created', async () => {
    const server = await startServer({ DATA_DIR: dataDir })
    try {
      const res = await fetch(`${server.url}/native/resellers/1/api-keys`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      assert.equal(res.status, 200)
      assert.equal((await res.json()).keys.length, 1)
    } finally {
      assert.equal((await server.stop()).code, 0)
    }
  })
})

// Runs where the other database tests run on PostgreSQL: when TEST_DATABASE_URL names a server.
// Each test on its own scratch database: they run side by side.
if (process.env.TEST_DATABASE_URL) describe('switchboard commands on PostgreSQL', { concurrency: true }, () => {
  test('two migrate processes started together on a fresh database both succeed', async () => {
    const scratch = await createScratchPostgresDatabase()
    try {
      const env = { DATABASE_URL: scratch.url }
      const [a, b] = await Promise.all([runCli(['migrate', '--json'], env), runCli(['migrate', '--json'], env)])
      assert.equal(a.code, 0, a.stderr)
      assert.equal(b.code, 0, b.stderr)
      assert.deepEqual(JSON.parse(a.stdout), { migrated: true, database: 'postgres' })
      assert.deepEqual(JSON.parse(b.stdout), { migrated: true, database: 'postgres' })
    } finally {
      await scratch.drop()
    }
  })

  test('reseller create --json works directly on PostgreSQL while a server runs on it', async () => {
    const scratch = await createScratchPostgresDatabase()
    const dataDir = tempDataDir()
    try {
      const env = { DATABASE_URL: scratch.url, DATA_DIR: dataDir }
      const server = await startServer(env)
      try {
        assert.equal(readLockFile(dataDir), null)
        // Two commands at once: on PostgreSQL any number of processes open the database.
        const [res, user] = await Promise.all([
          runCli(['reseller', 'create', '--name', 'Pg Reseller', '--username', 'pgres', '--json'], env),
          runCli(['user', 'create', '--username', 'pgadmin', '--password', 'pg-admin-pw', '--admin', '--json'], env),
        ])
        assert.equal(res.code, 0, res.stderr)
        const out = JSON.parse(res.stdout)
        assert.equal(out.username, 'pgres')
        assert.equal(user.code, 0, user.stderr)
        // The server sees the rows the commands wrote: the platform admin lists the reseller's key over the native API.
        const basic = Buffer.from('pgadmin:pg-admin-pw').toString('base64')
        const keys = await fetch(`${server.url}/native/resellers/${out.id}/api-keys`, { headers: { authorization: `Basic ${basic}` } })
        assert.equal(keys.status, 200)
      } finally {
        assert.equal((await server.stop()).code, 0)
      }
    } finally {
      await scratch.drop()
      removeDir(dataDir)
    }
  })
})
