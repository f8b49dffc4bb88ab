import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs'
import { test } from 'node:test'
import { join } from 'node:path'
import { startServer, tempDataDir, type ServerProcess } from '../../cli/cli-process.ts'
import { copyMigratedPgliteDataDir } from '../../helpers/database.ts'
import { AckedWriter, Api, checkAcked, faultEnv } from './fault-kit.ts'

// A migrated PGlite data directory takes about 41 MB: 96 MB leaves room to run, and little to fill.
const TMPFS_SIZE = '96m'

/** Mounts a small tmpfs (root only); null when this machine cannot. */
function mountSmallDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Writes zeros to `file` until the disk refuses (ENOSPC). */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w')
  const block = Buffer.alloc(1 << 20)
  try {
    for (;;) writeSync(fd, block)
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC')
  } finally {
    closeSync(fd)
  }
}

// Needs root, to mount a small tmpfs (CI runs as root): without it the test fails saying so.
test('a full disk under PGlite: writes refused with a clear error, reads served, writes again once space returns, nothing lost; issue 13 point 10',
  async (t) => {
    const mountPoint = tempDataDir()
    const cleanup: (() => Promise<unknown> | void)[] = [() => rmSync(mountPoint, { recursive: true, force: true })]
    t.after(async () => {
      for (const c of cleanup.reverse()) await c()
    })
    assert.ok(mountSmallDisk(mountPoint), 'mount -t tmpfs failed: this test needs root (CI runs as root)')
    cleanup.push(() => { execFileSync('umount', ['-l', mountPoint], { stdio: 'ignore' }) })
    const dataDir = join(mountPoint, 'data')
    mkdirSync(dataDir, { mode: 0o700 })
    await copyMigratedPgliteDataDir(dataDir)
    const env = faultEnv({ DATA_DIR: dataDir })
    let server: ServerProcess = await startServer(env)
    cleanup.push(() => server.stop())
    const api = new Api(server.url)
    const writer = new AckedWriter(api, '+1888')
    for (let i = 0; i < 20; i++) assert.equal(await writer.writeOne(), 200)
    const [someId] = writer.acked.keys()

    const filler = join(mountPoint, 'filler')
    cleanup.push(() => rmSync(filler, { force: true }))
    fillDisk(filler)
    // Writes until one is refused: PGlite may still have room in pages it already holds.
    let refused: { status: number; text: string } | undefined
    for (let i = 0; i < 2000 && !refused; i++) {
      const r = await api.send('POST', '/api/contacts', { first_name: 'full', phone: `+1999${String(i).padStart(6, '0')}` })
      if (r.status >= 200 && r.status < 300) writer.acked.set(JSON.parse(r.text) as number, `+1999${String(i).padStart(6, '0')}`)
      else refused = r
    }
    assert.ok(refused, 'a write was refused once the disk was full')
    t.diagnostic(`write on a full disk: ${refused.status} ${refused.text}`)
    assert.equal(refused.status, 423, "ICTCore: System is not ready (spec), with the reason")
    assert.match(refused.text, /storage|disk|space/i)
    assert.doesNotMatch(refused.text, /at .*\.ts:\d+|could not extend/, 'no stack trace, no database message')
    assert.equal(server.child.exitCode, null, 'the server is still running')
    assert.equal((await api.send('GET', `/api/contacts/${someId}`)).status, 200, 'reads are served while the disk is full')
    assert.equal((await api.send('GET', '/healthz')).status, 200)

    rmSync(filler)
    for (let i = 0; i < 20; i++) assert.equal(await writer.writeOne(), 200, 'writes succeed again without a restart')

    const stopped = await server.stop()
    assert.equal(stopped.code, 0, 'a clean stop after the full disk')
    server = await startServer(env)
    api.url = server.url
    await checkAcked(api, writer.acked)
    t.diagnostic(`${writer.acked.size} acknowledged writes present after a restart on the same data directory`)
  })
