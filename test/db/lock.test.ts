import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { acquireDataDirLock, DataDirLocked, readDataDirLock } from '../../src/db/lock.ts'

const LOCK_MODULE = fileURLToPath(new URL('../../src/db/lock.ts', import.meta.url))

/** Another process that takes the directory and publishes a URL, then waits until stdin closes. */
async function holdInChild(dir: string): Promise<{ pid: number; release(): Promise<void> }> {
  const script = `
    import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)}
    const lock = acquireDataDirLock(${JSON.stringify(dir)})
    lock.update({ url: 'http://127.0.0.1:1', adminToken: 'tok' })
    process.stdout.write('held\\n')
    process.stdin.resume()
    process.stdin.on('end', () => { lock.release(); process.exit(0) })
  `
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { if (d.toString().includes('held')) resolve() })
    child.on('exit', (code) => reject(new Error(`holder exited with ${code}`)))
  })
  return {
    pid: child.pid!,
    async release() {
      const exited = new Promise((r) => child.on('exit', r))
      child.stdin.end()
      await exited
    },
  }
}

describe('data directory lock', () => {
  const dirs: string[] = []
  const dir = () => { const d = mkdtempSync(join(tmpdir(), 'sb-lock-')); dirs.push(d); return d }
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

  test('acquiring writes the pid to a lock file only the owner can read, and release removes it', () => {
    const d = dir()
    const lock = acquireDataDirLock(d)
    const path = join(d, 'switchboard.lock')
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { pid: process.pid })
    assert.equal(statSync(path).mode & 0o777, 0o600)
    lock.update({ url: 'http://127.0.0.1:8080', adminToken: 'secret-token' })
    assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')), { url: 'http://127.0.0.1:8080', adminToken: 'secret-token', pid: process.pid })
    assert.equal(statSync(path).mode & 0o777, 0o600)
    lock.release()
    assert.equal(existsSync(path), false)
    lock.release()
  })

  test('a second process on the same directory is refused with a message naming the holder and its URL', async () => {
    const d = dir()
    const holder = await holdInChild(d)
    try {
      assert.deepEqual(readDataDirLock(d), { pid: holder.pid, url: 'http://127.0.0.1:1', adminToken: 'tok' })
      assert.throws(() => acquireDataDirLock(d), (e: unknown) => {
        assert.ok(e instanceof DataDirLocked)
        assert.equal(e.holder.pid, holder.pid)
        assert.equal(e.message, `data directory ${d} is in use by process ${holder.pid} (server at http://127.0.0.1:1); stop it or use another DATA_DIR`)
        return true
      })
    } finally {
      await holder.release()
    }
    assert.equal(readDataDirLock(d), null)
    acquireDataDirLock(d).release()
  })

  test('a lock left by a dead process is stale: it reads as free and is taken over', async () => {
    const d = dir()
    const dead = spawn(process.execPath, ['-e', '0'])
    const deadPid = await new Promise<number>((resolve) => dead.on('exit', () => resolve(dead.pid!)))
    writeFileSync(join(d, 'switchboard.lock'), JSON.stringify({ pid: deadPid, url: 'http://127.0.0.1:9' }), { mode: 0o600 })
    assert.equal(readDataDirLock(d), null)
    const lock = acquireDataDirLock(d)
    assert.deepEqual(JSON.parse(readFileSync(join(d, 'switchboard.lock'), 'utf8')), { pid: process.pid })
    lock.release()
  })

  test('a directory this process holds is refused to a second holder in the same process until released', () => {
    const d = dir()
    const lock = acquireDataDirLock(d)
    try {
      assert.deepEqual(readDataDirLock(d), { pid: process.pid })
      assert.throws(() => acquireDataDirLock(d), (e: unknown) => e instanceof DataDirLocked && e.holder.pid === process.pid)
    } finally {
      lock.release()
    }
    assert.equal(readDataDirLock(d), null)
    acquireDataDirLock(d).release()
  })

  test('a lock naming this process that it does not hold is stale (an earlier process with the same pid)', () => {
    const d = dir()
    writeFileSync(join(d, 'switchboard.lock'), JSON.stringify({ pid: process.pid, url: 'http://127.0.0.1:9' }), { mode: 0o600 })
    assert.equal(readDataDirLock(d), null)
    acquireDataDirLock(d).release()
  })

  test('an unreadable lock file counts as stale', () => {
    const d = dir()
    writeFileSync(join(d, 'switchboard.lock'), '{not json')
    assert.equal(readDataDirLock(d), null)
    acquireDataDirLock(d).release()
  })

  test('acquiring creates a missing data directory', () => {
    const d = join(dir(), 'nested', 'data')
    const lock = acquireDataDirLock(d)
    assert.ok(existsSync(join(d, 'switchboard.lock')))
    lock.release()
  })
})
