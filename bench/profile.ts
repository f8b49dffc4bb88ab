import autocannon from 'autocannon'
import { cpuSeconds, startHello, startServer } from './processes.ts'
import { ADMIN_PASSWORD, seed } from './seed.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// `node --import tsx bench/profile.ts`: a quick look at some cases on one server, for working on
// their speed; `npm run bench` stays the measurement of record. Settings (environment):
//   BENCH_DATABASE     postgres (default) | pglite
//   BENCH_CASES        comma-separated parts of case names to run (default all), e.g. "bearer,porta";
//                      "baseline" measures the bare Fastify hello-world (bench/hello.ts) the same way
//   BENCH_RATE         requests/s for the whole load (default: as fast as the server answers); at a
//                      fixed rate the server CPU per request compares changes more steadily
//   BENCH_DURATION     seconds per case (default 10), BENCH_WARMUP (default 2), BENCH_CONNECTIONS (default 50)
//   BENCH_CPU_PROF     a directory: the server writes a V8 CPU profile there when it stops
//                      (summarise it with `node bench/profile-summary.ts DIR/*.cpuprofile`)
//   BENCH_NODE_ARGS    extra node options for the server, e.g. "--perf-basic-prof" to read `perf record -p PID`

const kind = process.env.BENCH_DATABASE === 'pglite' ? 'pglite' : 'postgres'
const wanted = (process.env.BENCH_CASES ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
const duration = Number(process.env.BENCH_DURATION ?? 10)
const warmup = Number(process.env.BENCH_WARMUP ?? 2)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const overallRate = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const profDir = process.env.BENCH_CPU_PROF

/** Runs one case against a server process and prints req/s, p99 and the server's CPU per request. */
async function measure(label: string, pid: number, url: string, headers?: Record<string, string>): Promise<void> {
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers, overallRate })
  const cpuBefore = cpuSeconds(pid)
  const r = await autocannon({ url, connections, duration, headers, overallRate })
  const cpuMicros = ((cpuSeconds(pid) - cpuBefore) / r.requests.total) * 1e6
  process.stdout.write(`${label}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, server CPU ${cpuMicros.toFixed(1)} µs/request, non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}\n`)
}

if (wanted.includes('baseline')) {
  const hello = await startHello()
  try {
    await measure('baseline (bare Fastify hello-world)', hello.pid, `${hello.url}/`)
  } finally {
    await hello.stop()
  }
}

const pgDb = kind === 'postgres' ? await createScratchPostgresDatabase(adminUrl, 'sb_bench') : undefined
try {
  const nodeArgs = [...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)]
  // As in bench/run.ts: on PostgreSQL an API process without the dispatcher.
  const server = await startServer({
    nodeArgs, args: kind === 'postgres' ? ['--no-dispatch'] : [], env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: pgDb?.url },
  })
  process.stderr.write(`server pid ${server.pid}\n`)
  try {
    for (const c of await seed(server.url, server.env)) {
      if (wanted.length && !wanted.some((w) => c.name.toLowerCase().includes(w))) continue
      if (c.unavailable) {
        process.stdout.write(`${c.name}: not available (${c.unavailable})\n`)
        continue
      }
      await measure(`${kind} ${c.name}`, server.pid, `${server.url}${c.path}`, c.headers)
    }
  } finally {
    await server.stop()
  }
} finally {
  await pgDb?.drop().catch(() => {})
}
