import { cpuSeconds, startServer } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// `node --import tsx bench/idle.ts`: the CPU an idle `switchboard serve` (API and dispatcher, no
// requests, nothing to send) spends, on PostgreSQL and on PGlite, as a share of one core.
// Settings (environment): BENCH_IDLE_SECONDS (default 10), BENCH_DATABASE_URL.

const seconds = Number(process.env.BENCH_IDLE_SECONDS ?? 10)
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const pg = await createScratchPostgresDatabase(adminUrl, 'sb_idle')
try {
  for (const [name, databaseUrl] of [['PostgreSQL', pg.url], ['PGlite', undefined]] as const) {
    const server = await startServer({ env: { DATABASE_URL: databaseUrl, SWITCHBOARD_ADMIN_PASSWORD: 'idle-bench-admin' } })
    try {
      // Start-up work (migrations, the first turns) is over after a few seconds.
      await new Promise((r) => setTimeout(r, 3000))
      const before = cpuSeconds(server.pid)
      await new Promise((r) => setTimeout(r, seconds * 1000))
      process.stdout.write(`${name}: idle serve spends ${(((cpuSeconds(server.pid) - before) / seconds) * 100).toFixed(1)} % of a core\n`)
    } finally {
      await server.stop()
    }
  }
} finally {
  await pg.drop().catch(() => {})
}
