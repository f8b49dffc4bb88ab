import { execFile } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from '../cli/cli-process.ts'

// A PostgreSQL cluster of a test's own, for tests that stop and restart the server (the shared one on
// TEST_DATABASE_URL serves other tests). It runs as the `postgres` user (initdb refuses root), on a
// free port with its socket in its own directory, and is removed again by `remove`.

const run = promisify(execFile)

/** The directory of PostgreSQL's server binaries (PG_BIN, else the newest /usr/lib/postgresql/N/bin), or null. */
export function postgresBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a))
  return versions.length ? join(root, versions[0]!, 'bin') : null
}

/** Why a private cluster cannot run here (null: it can). */
export function privatePostgresUnavailable(): string | null {
  if (!postgresBin()) return 'no PostgreSQL server binaries (set PG_BIN)'
  if (process.getuid?.() !== 0) return 'needs root, to run initdb and pg_ctl as the postgres user'
  return null
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string
  port: number
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when it resolves. */
  restart(): Promise<void>
  stop(): Promise<void>
  start(): Promise<void>
  /** Stops the server (immediate mode) and deletes its directory. */
  remove(): Promise<void>
}

/** initdb and start a throw-away cluster (trust authentication, fsync off: its data is worthless). */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin()!
  const dir = mkdtempSync(join(tmpdir(), 'sb-pg-'))
  chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout))
  const data = join(dir, 'data')
  const asPostgres = (cmd: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { cwd: dir })
  const port = await freePort()
  await asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`
  const ctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '120', ...args])
  await ctl('-o', options, 'start')
  let removed = false
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: async () => { await ctl('-m', 'fast', '-o', options, 'restart') },
    stop: async () => { await ctl('-m', 'fast', 'stop') },
    start: async () => { await ctl('-o', options, 'start') },
    async remove() {
      if (removed) return
      removed = true
      await ctl('-m', 'immediate', 'stop').catch(() => {})
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
