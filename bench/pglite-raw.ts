import { PGlite } from '@electric-sql/pglite'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The PGlite reference: how many primary-key selects one PGlite instance (on disk, as the server
// uses it) answers per second when queried back to back. Prints one JSON line: {"qps":…}.
const seconds = Number(process.env.BENCH_DURATION ?? 10)
const dir = mkdtempSync(join(tmpdir(), 'sb-bench-raw-'))
const db = new PGlite(dir)
await db.waitReady
await db.exec(`create table bench_rows (id integer primary key, username text not null, email text, created_at timestamptz not null default now());
  insert into bench_rows (id, username, email) select g, 'user' || g, 'user' || g || '@example.com' from generate_series(1, 10000) g;`)
const query = 'select id, username, email, created_at from bench_rows where id = $1'
const run = async (ms: number) => {
  let n = 0
  const end = performance.now() + ms
  while (performance.now() < end) {
    await db.query(query, [1 + (n % 10000)])
    n++
  }
  return n
}
await run(Math.min(2000, seconds * 200))
const t0 = performance.now()
const n = await run(seconds * 1000)
const qps = n / ((performance.now() - t0) / 1000)
await db.close()
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify({ qps })}\n`)
