import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cpuSeconds, startServer } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// `node --import tsx bench/idle.ts`: what an idle `switchboard serve` (API and dispatcher, no
// requests, nothing to send) costs, on PostgreSQL and on PGlite: the CPU it spends, as a share of one
// core, and its resident memory (RSS) once idle — after a first start on a new database and after a
// restart on the same one (a first start runs initdb and the migrations).
// Settings (environment): BENCH_IDLE_SECONDS (default 10), BENCH_DATABASE_URL.

const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10)
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

/** Resident memory of a process in MB (VmRSS of /proc/<pid>/status). */
function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return kb ? Number(kb[1]) / 1024 : NaN
}

async function idle(name: string, env: Record<string, string | undefined>, start: string): Promise<void> {
  const server = await startServer({ env: { ...env, SWITCHBOARD_ADMIN_PASSWORD: 'idle-bench-admin' } })
  try {
    // Start-up work (migrations, the first turns) is over after a few seconds.
    await new Promise((r) => setTimeout(r, 3000))
    const before = cpuSeconds(server.pid)
    await new Promise((r) => setTimeout(r, seconds * 1000))
    const cpu = ((cpuSeconds(server.pid) - before) / seconds) * 100
    process.stdout.write(`${name}, ${start}: idle serve spends ${cpu.toFixed(1)} % of a core, RSS ${rssMb(server.pid).toFixed(0)} MB\n`)
  } finally {
    await server.stop()
  }
}

const pg = await createScratchPostgresDatabase(adminUrl, 'sb_idle')
const dataDir = mkdtempSync(join(tmpdir(), 'sb-idle-'))
try {
  await idle('PostgreSQL', { DATABASE_URL: pg.url }, 'first start')
  await idle('PostgreSQL', { DATABASE_URL: pg.url }, 'restart')
  await idle('PGlite', { DATA_DIR: dataDir }, 'first start')
  await idle('PGlite', { DATA_DIR: dataDir }, 'restart')
} finally {
  await pg.drop().catch(() => {})
  rmSync(dataDir, { recursive: true, force: true })
}
