import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { createScratchPostgresDatabase } from '../helpers/database.ts'
import { readLockFile, removeDir, runCli, runCliInProcess, startServer, tempDataDir } from './cli-process.ts'

// One data directory, new at the first command; the tests build on what the ones before created.
describe('switchboard commands without a running server (PGlite)', () => {
  let dataDir: string
  /** The reseller the first command created. */
  let reseller: { id: number; apiKey: string }
  /** The password `user password` generated for member1. */
  let resetPassword: string
  before(() => { dataDir = tempDataDir() })
  after(() => removeDir(dataDir))

  test('reseller create --json opens the data directory directly and releases it', async () => {
    const res = await runCliInProcess(['reseller', 'create', '--name', 'Direct Telecom', '--username', 'directtel', '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    const out = JSON.parse(res.stdout)
    reseller = out
    assert.deepEqual(Object.keys(out).sort(), ['apiKey', 'id', 'username'])
    assert.ok(Number.isInteger(out.id))
    assert.equal(out.username, 'directtel')
    assert.match(out.apiKey, /^[A-Za-z0-9]{20}$/)
    assert.equal(readLockFile(dataDir), null)
  })

  test('reseller list --json lists the resellers without their keys', async () => {
    const res = await runCliInProcess(['reseller', 'list', '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    const { resellers } = JSON.parse(res.stdout) as { resellers: Record<string, unknown>[] }
    assert.deepEqual(resellers.map((r) => [r.id, r.username, r.name, r.enabled]), [[reseller.id, 'directtel', 'Direct Telecom', true]])
    assert.ok(!res.stdout.includes(reseller.apiKey))
  })

  test('user create --json with --reseller creates the user in that reseller and answers its id', async () => {
    const res = await runCliInProcess(['user', 'create', '--username', 'member1', '--password', 'member-pw', '--reseller', String(reseller.id), '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    assert.deepEqual(Object.keys(JSON.parse(res.stdout)), ['id'])
  })

  test('user password without --password generates one, shown once; the user logs in with it', async () => {
    const res = await runCliInProcess(['user', 'password', '--username', 'member1', '--reseller', String(reseller.id), '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    const out = JSON.parse(res.stdout) as { username: string; password: string }
    assert.equal(out.username, 'member1')
    assert.match(out.password, /^[A-Za-z0-9_-]{16}$/)
    resetPassword = out.password
  })

  test('numbers add --json adds tracking numbers of a region and type', async () => {
    const res = await runCliInProcess(['numbers', 'add', '--region', 'Australia', '--type', '1800', '--count', '4', '--json'], { DATA_DIR: dataDir })
    assert.equal(res.code, 0, res.stderr)
    assert.deepEqual(JSON.parse(res.stdout), { added: 4 })
    const bad = await runCliInProcess(['numbers', 'add', '--region', 'Australia', '--type', '9999', '--count', '1', '--json'], { DATA_DIR: dataDir })
    assert.equal(bad.code, 1)
    assert.deepEqual(JSON.parse(bad.stdout), { error: '--type must be a number type of Australia: 1300, 1800, 02, 03, 07, 08' })
  })

  test('reseller settings shows and changes a partner\'s settings; the generated secret is printed once; a bad value names the setting (issue 17)', async () => {
    const set = await runCliInProcess(['reseller', 'settings', String(reseller.id), '--set', 'delacon.callbackUrl=https://partner.example/cb',
      '--set', 'delacon.backorder.AU/1300=false', '--set', 'delacon.callbackRetryDelaysSeconds=5,10', '--set', 'delacon.callbackSecret=generate', '--json'], { DATA_DIR: dataDir })
    assert.equal(set.code, 0, set.stderr)
    const out = JSON.parse(set.stdout)
    assert.equal(out.settings['delacon.callbackUrl'], 'https://partner.example/cb')
    assert.deepEqual(out.settings['delacon.backorder'], { 'en-au/1300': false })
    assert.deepEqual(out.settings['delacon.callbackRetryDelaysSeconds'], [5, 10])
    assert.match(out.shownOnce['delacon.callbackSecret'], /^[A-Za-z0-9_-]{43}$/)
    const shown = await runCliInProcess(['reseller', 'settings', String(reseller.id), '--json'], { DATA_DIR: dataDir })
    assert.deepEqual(JSON.parse(shown.stdout).secrets, { 'delacon.callbackSecret': true })
    assert.ok(!shown.stdout.includes(out.shownOnce['delacon.callbackSecret']))
    const bad = await runCliInProcess(['reseller', 'settings', String(reseller.id), '--set', 'delacon.callbackUrl=ftp://x', '--json'], { DATA_DIR: dataDir })
    assert.deepEqual([bad.code, JSON.parse(bad.stdout)], [1, { error: 'delacon.callbackUrl must be an http or https URL' }])
    const unknown = await runCliInProcess(['reseller', 'settings', String(reseller.id), '--set', 'nope=1', '--json'], { DATA_DIR: dataDir })
    assert.equal(unknown.code, 1)
    assert.match(JSON.parse(unknown.stdout).error, /^--set nope: not a partner setting \(one of resellerclub.tokenTtlSeconds/)
  })

  test('bad input is one line: a JSON error object with --json, a message on stderr without', async () => {
    // Independent commands, run together (those that open the directory take turns at its lock).
    const [missing, unknownReseller, human, unknownOption, unknownCommand, noUsername, negative, region, noUser] = await Promise.all([
      ['user', 'create', '--username', 'x', '--json'],
      ['user', 'create', '--username', 'y', '--password', 'secret-1', '--reseller', '987654', '--json'],
      ['reseller', 'create', '--name', 'Bad', '--username', 'no spaces allowed'],
      ['reseller', 'create', '--nme', 'x', '--json'],
      ['frobnicate', '--json'],
      ['reseller', 'create', '--name', 'No Login', '--json'],
      ['numbers', 'add', '--region', 'Australia', '--type', '1300', '--count', '-5', '--json'],
      ['numbers', 'add', '--region', 'Mars', '--type', '1300', '--count', '5', '--json'],
      ['user', 'password', '--username', 'nobody', '--json'],
    ].map((args) => runCliInProcess(args, { DATA_DIR: dataDir })))
    assert.deepEqual(JSON.parse(noUsername!.stdout), { error: '--username is required' })
    assert.deepEqual(JSON.parse(negative!.stdout), { error: '--count must be a positive integer' })
    assert.deepEqual(JSON.parse(region!.stdout), { error: '--region must be one of: Australia, China, Hong Kong, Japan, New Zealand, Singapore, United Kingdom, United States' })
    assert.deepEqual(JSON.parse(noUser!.stdout), { error: 'user not found' })
    assert.equal(missing!.code, 1)
    assert.deepEqual(JSON.parse(missing!.stdout), { error: '--password is required' })
    assert.equal(unknownReseller!.code, 1)
    assert.deepEqual(JSON.parse(unknownReseller!.stdout), { error: 'Reseller not found' })
    assert.equal(human!.code, 1)
    assert.equal(human!.stdout, '')
    assert.match(human!.stderr, /^switchboard: username must be 1-20 letters/m)
    assert.equal(unknownOption!.code, 1)
    assert.match(JSON.parse(unknownOption!.stdout).error, /Unknown option '--nme'.*\(try switchboard reseller create --help\)$/)
    assert.equal(unknownCommand!.code, 1)
    assert.deepEqual(JSON.parse(unknownCommand!.stdout), { error: 'unknown command "frobnicate" (try switchboard --help)' })
  })

  test('--version, <command> --help and help <command> answer without touching the data directory', async () => {
    // --version through the real binary (bin/switchboard.js): the version line names the Node.js that runs it.
    const [version, help, helpCommand] = await Promise.all([
      runCli(['--version'], { DATA_DIR: dataDir }),
      ...[['numbers', 'add', '--help'], ['help', 'user', 'password']].map((args) => runCliInProcess(args, { DATA_DIR: dataDir })),
    ])
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
    assert.equal(version!.stdout, `switchboard ${pkg.version} (Node.js ${process.versions.node})\n`)
    assert.match(help!.stdout, /^usage: switchboard numbers add --region REGION --type NUMBERTYPE --count N/)
    assert.match(help!.stdout, /^Examples:\n {2}npx switchboard numbers add/m)
    assert.match(helpCommand!.stdout, /^usage: switchboard user password --username U \[--password P\]/)
    for (const r of [version, help, helpCommand]) assert.equal(r!.code, 0)
    assert.equal(readLockFile(dataDir), null)
  })

  test('the binary and an in-process run of the same command line answer alike: exit code, stdout and stderr', async () => {
    const lines = [['reseller', 'create', '--nme', 'x'], ['reseller', 'create', '--nme', 'x', '--json'], ['help', 'numbers', 'add']]
    const [binary, inProcess] = await Promise.all([
      Promise.all(lines.map((args) => runCli(args, { DATA_DIR: dataDir }))),
      Promise.all(lines.map((args) => runCliInProcess(args, { DATA_DIR: dataDir }))),
    ])
    assert.deepEqual(inProcess, binary)
    assert.deepEqual(binary.map((r) => r.code), [1, 1, 0])
  })

  test('a server started afterwards serves what the commands created', async () => {
    const server = await startServer({ DATA_DIR: dataDir })
    try {
      const res = await fetch(`${server.url}/native/resellers/1/api-keys`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      assert.equal(res.status, 200)
      assert.equal((await res.json()).keys.length, 1)
      const login = await fetch(`${server.url}/api/authenticate`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'member1', password: resetPassword }),
      })
      assert.equal(login.status, 200, 'the password user password set logs in')
    } finally {
      assert.equal((await server.stop()).code, 0)
    }
  })
})

// Runs where the other database tests run on PostgreSQL: when TEST_DATABASE_URL names a server.
// Each test on its own scratch database: they run side by side.
if (process.env.TEST_DATABASE_URL) describe('switchboard commands on PostgreSQL', { concurrency: true }, () => {
  // Each run opens its own pool, so the two contend for the migration lock on separate sessions as two processes would.
  test('two migrate commands started together on a fresh database both succeed', async () => {
    const scratch = await createScratchPostgresDatabase()
    try {
      const env = { DATABASE_URL: scratch.url }
      const [a, b] = await Promise.all([runCliInProcess(['migrate', '--json'], env), runCliInProcess(['migrate', '--json'], env)])
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
          runCliInProcess(['reseller', 'create', '--name', 'Pg Reseller', '--username', 'pgres', '--json'], env),
          runCliInProcess(['user', 'create', '--username', 'pgadmin', '--password', 'pg-admin-pw', '--admin', '--json'], env),
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
