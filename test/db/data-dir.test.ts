import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, lstatSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { buildApp } from '../../src/app.ts'
import { testConfig } from '../helpers/app.ts'
import { cliEnv, removeDir, tempDataDir } from '../cli/cli-process.ts'

const BIN = fileURLToPath(new URL('../../bin/switchboard.js', import.meta.url))

/** Every path under `root` (itself included) with its permission bits. */
function modes(root: string): { path: string; mode: number; dir: boolean }[] {
  const out: { path: string; mode: number; dir: boolean }[] = []
  const walk = (p: string) => {
    const st = lstatSync(p)
    out.push({ path: p, mode: st.mode & 0o777, dir: st.isDirectory() })
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n))
  }
  walk(root)
  return out
}

function assertPrivate(root: string): void {
  const all = modes(root)
  assert.ok(all.length > 100, `a PGlite database is there (${all.length} paths)`)
  const loose = all.filter((e) => (e.mode & 0o077) !== 0)
  assert.deepEqual(loose.map((e) => `${e.path} ${e.mode.toString(8)}`), [])
}

describe('the data directory is private to the server\'s user (#13 finding 1)', () => {
  const dir = tempDataDir()
  after(() => removeDir(dir))

  test('a new data directory is 0700 and every file in it 0600, even under umask 000', () => {
    removeDir(dir)
    const r = spawnSync('sh', ['-c', `umask 000 && exec "${process.execPath}" "${BIN}" migrate --json`], { env: cliEnv({ DATA_DIR: dir }), encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    assert.equal(lstatSync(dir).mode & 0o777, 0o700)
    assertPrivate(dir)
  })

  test('an existing directory others could read is tightened at start-up, with a warning', async () => {
    const loose = modes(dir)
    for (const e of loose) chmodSync(e.path, e.dir ? 0o777 : 0o666)
    writeFileSync(join(dir, 'notes.txt'), 'operator file', { mode: 0o644 })
    chmodSync(join(dir, 'notes.txt'), 0o644)
    const lines: string[] = []
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done() } })
    const app = await buildApp({ config: testConfig({ dataDir: dir }), logger: pino({ level: 'warn' }, sink) })
    try {
      assertPrivate(dir)
      const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string; dir?: string; paths?: number }).find((l) => l.dir === dir)
      assert.ok(warning, `a warning names the directory: ${lines.join('')}`)
      assert.equal(warning.level, 40)
      assert.ok(warning.paths! >= loose.length, `it counts what it tightened (${warning.paths})`)
      assert.match(warning.msg, /readable or writable by other users/)
    } finally {
      await app.stop()
    }
    assertPrivate(dir)
  })
})
