import assert from 'node:assert/strict'
import { statSync } from 'node:fs'
import { connect, createServer, type AddressInfo } from 'node:net'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import { copyMigratedPgliteDataDir } from '../helpers/database.ts'
import { until } from '../helpers/poll.ts'
import { cliEnv, readLockFile, removeDir, runCli, startServer, tempDataDir, waitUntilRefused, type ServerProcess } from './cli-process.ts'

// One server on a new data directory serves every test here (a process start costs seconds): the
// commands through it run side by side, as they touch different rows; then it is stopped mid-request.
describe('switchboard serve on PGlite', () => {
  let dataDir: string
  let server: ServerProcess
  const env = () => ({ DATA_DIR: dataDir, SWITCHBOARD_ADMIN_PASSWORD: 'admin-pass-123' })

  before(async () => {
    dataDir = tempDataDir()
    server = await startServer(env())
  })
  after(async () => {
    await server?.stop()
    removeDir(dataDir)
  })

  test('serve answers /healthz and publishes its URL and admin token in a lock file only its owner can read', async () => {
    const res = await fetch(`${server.url}/healthz`)
    assert.equal(res.status, 200)
    const lock = readLockFile(dataDir)!
    assert.equal(lock.pid, server.child.pid)
    assert.equal(lock.url, server.url)
    assert.match(lock.adminToken!, /^[A-Za-z0-9_-]{32}$/)
    assert.equal(statSync(join(dataDir, 'switchboard.lock')).mode & 0o777, 0o600)
  })

  describe('commands while it runs', { concurrency: true }, () => {
    test('a second serve on the same data directory is refused with a clear message', async () => {
      const second = await runCli(['serve', '--port', '0'], env())
      assert.notEqual(second.code, 0)
      assert.match(second.stderr, new RegExp(`data directory .* is in use by process ${server.child.pid} \\(server at ${server.url.replaceAll('.', '\\.')}\\)`))
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
    })

    test('reseller create --json goes through the running server and prints exactly one JSON object', async () => {
      const res = await runCli(['reseller', 'create', '--name', 'Acme Telecom', '--username', 'acme', '--json'], env())
      assert.equal(res.code, 0, res.stderr)
      const out = JSON.parse(res.stdout)
      assert.deepEqual(Object.keys(out).sort(), ['apiKey', 'id', 'username'])
      assert.ok(Number.isInteger(out.id))
      assert.equal(out.username, 'acme')
      assert.match(out.apiKey, /^[A-Za-z0-9]{20}$/)
      // The server created it: its native API lists the reseller's key.
      const keys = await fetch(`${server.url}/native/resellers/${out.id}/api-keys`, { headers: { authorization: `Bearer ${server.adminToken}` } })
      assert.equal(keys.status, 200)
      assert.equal((await keys.json()).keys.length, 1)
    })

    test('user create --json through the running server returns the new id; a clash is a one-line JSON error', async () => {
      const res = await runCli(['user', 'create', '--username', 'ops1', '--password', 'ops-pass-1', '--email', 'ops1@example.com', '--admin', '--json'], env())
      assert.equal(res.code, 0, res.stderr)
      const out = JSON.parse(res.stdout)
      assert.deepEqual(Object.keys(out), ['id'])
      assert.ok(Number.isInteger(out.id))
      // The new admin logs in to the native API with Basic.
      const basic = Buffer.from('ops1:ops-pass-1').toString('base64')
      const keys = await fetch(`${server.url}/native/resellers/999999/api-keys`, { headers: { authorization: `Basic ${basic}` } })
      assert.equal(keys.status, 404)

      const again = await runCli(['user', 'create', '--username', 'ops1', '--password', 'ops-pass-1', '--json'], env())
      assert.equal(again.code, 1)
      assert.deepEqual(JSON.parse(again.stdout), { error: 'username already exists' })
    })

    test('numbers add --json through the running server answers how many were added', async () => {
      const created = await fetch(`${server.url}/native/resellers`, { method: 'POST', headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Numbers' }) })
      assert.equal(created.status, 201)
      const reseller = await created.json() as { id: number }
      const res = await runCli(['numbers', 'add', '--region', 'Australia', '--type', '1300', '--count', '3', '--reseller', String(reseller.id), '--json'], env())
      assert.equal(res.code, 0, res.stderr)
      assert.deepEqual(JSON.parse(res.stdout), { added: 3 })
    })

    test('jwt rotate through the running server refuses the tokens issued before it (#13 finding 1)', async () => {
      const login = async () => {
        const res = await fetch(`${server.url}/api/authenticate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'admin-pass-123' }) })
        return ((await res.json()) as { token: string }).token
      }
      const usersWith = async (token: string) => (await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${token}` } })).status
      const before = await login()
      assert.equal(await usersWith(before), 200)
      const res = await runCli(['jwt', 'rotate', '--json'], env())
      assert.equal(res.code, 0, res.stderr)
      assert.deepEqual(JSON.parse(res.stdout), { rotated: true })
      assert.equal(await usersWith(before), 401)
      assert.equal(await usersWith(await login()), 200)
    })
  })

  test('the admin password from SWITCHBOARD_ADMIN_PASSWORD is never printed', () => {
    const { stdout, stderr } = server.output()
    assert.ok(!stdout.includes('admin-pass-123') && !stderr.includes('admin-pass-123'))
    assert.ok(!stderr.includes('Created the platform admin user'))
  })

  // Last: it stops the server (a server without a configured password is stopped in the next describe).
  test('a request in flight when SIGTERM arrives still gets its answer; then serve exits 0 and releases the lock', async () => {
    const body = JSON.stringify({ name: 'In Flight', username: 'inflight' })
    const socket = connect(server.port, '127.0.0.1')
    let received = ''
    const continued = new Promise<void>((resolve) => socket.on('data', (d) => {
      received += d.toString()
      if (received.includes('100 Continue')) resolve()
    }))
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    socket.write(`POST /native/resellers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.adminToken}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`)
    // 100 Continue: the server has the request; now it is mid-upload.
    await continued
    socket.write(body.slice(0, 10))
    server.child.kill('SIGTERM')
    await waitUntilRefused(server.port)
    socket.write(body.slice(10))
    await closed
    assert.match(received, /HTTP\/1\.1 201 Created/)
    assert.match(received, /"username":"inflight"/)
    assert.deepEqual(await server.exited, { code: 0, signal: null })
    assert.equal(readLockFile(dataDir), null)
  })
})

describe('switchboard serve stopping', () => {
  test('a first start on a busy port names the port and keeps the one-time password; SIGTERM stops the server with exit code 0 and releases the lock', async () => {
    const dataDir = tempDataDir()
    const busy = createServer()
    try {
      // Not a first start on a new directory (the describe above is): a migrated database without users.
      await copyMigratedPgliteDataDir(dataDir)
      await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve))
      const port = (busy.address() as AddressInfo).port
      const refused = await runCli(['serve', '--port', String(port)], { DATA_DIR: dataDir })
      assert.equal(refused.code, 1)
      assert.match(refused.stderr, new RegExp(`^switchboard: port ${port} on 0\\.0\\.0\\.0 is in use .*--port N or PORT=N$`, 'm'))
      assert.ok(!refused.stderr.includes('Created the platform admin user'), 'the failed start spent no password')
      assert.equal(readLockFile(dataDir), null)

      const server = await startServer({ DATA_DIR: dataDir })
      // No password configured: the generated one is shown once to the operator, not through the logger.
      assert.match(server.output().stderr, /Created the platform admin user "admin" with password: \S{16}/)
      assert.match(server.output().stderr, new RegExp(`^ {2}API docs {2}${server.url.replace(/[.]/g, '\\.')}/docs$`, 'm'))
      assert.ok(!server.output().stdout.includes('Created the platform admin user'))
      const { code, signal } = await server.stop()
      assert.equal(signal, null)
      assert.equal(code, 0)
      assert.equal(readLockFile(dataDir), null)
      // The directory is free again: a direct command opens it.
      const res = await runCli(['reseller', 'create', '--name', 'After Stop', '--username', 'afterstop', '--json'], { DATA_DIR: dataDir })
      assert.equal(res.code, 0, res.stderr)
    } finally {
      busy.close()
      removeDir(dataDir)
    }
  })
})

describe('npm start', () => {
  test('SIGTERM or SIGINT to npm reaches the server, which stops and releases the lock (no orphan)', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const dataDir = tempDataDir()
      try {
        await copyMigratedPgliteDataDir(dataDir)
        // The npm that runs this suite (npm_execpath under `npm test`), else the one on PATH.
        const npmCli = process.env.npm_execpath
        const npm = spawn(npmCli ? process.execPath : 'npm', [...(npmCli ? [npmCli] : []), 'start', '--silent'], {
          cwd: fileURLToPath(new URL('../..', import.meta.url)),
          env: cliEnv({ DATA_DIR: dataDir, PORT: '0', SWITCHBOARD_ADMIN_PASSWORD: 'npm-start-pw-1' }), stdio: 'ignore',
        })
        const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)))
        const lock = await until('the server to publish its URL', async () => readLockFile(dataDir), (l) => Boolean(l?.url), { timeoutMs: 60_000 })
        assert.notEqual(lock!.pid, npm.pid, 'npm runs the server as its own child')
        npm.kill(signal)
        await exited
        await until('the server process to end', async () => processAlive(lock!.pid), (alive) => !alive, { timeoutMs: 30_000 })
        assert.equal(readLockFile(dataDir), null, `${signal}: the lock is released`)
      } finally {
        removeDir(dataDir)
      }
    }
  })
})

/** Whether a process of this pid exists (signal 0 checks without signalling). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
