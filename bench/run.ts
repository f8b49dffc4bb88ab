import autocannon from 'autocannon'
import { execSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { childEnv, nodeVersion, runJsonChild, startHello, startServer, useNode, type Child } from './processes.ts'
import { ADMIN_PASSWORD, seed, type BenchCase } from './seed.ts'
import { renderMarkdown, renderTable, type Row, type RuntimeRows } from './report.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { benchCsvImport, renderCsvImportTable } from './csv-import.ts'
import { benchDispatch, renderDispatch } from './dispatch.ts'
import { benchResellerClub, renderResellerClub } from './resellerclub.ts'
import { benchPacketeraHosted } from './packetera-hosted.ts'
import { benchPorta, renderPorta } from './porta.ts'
import { benchEmail, renderEmail } from './email-campaign.ts'
import { benchKannel, renderKannel } from './kannel-campaign.ts'
import { BEARERBOX } from '../test/helpers/kannel.ts'
import { benchSmppCampaign, renderSmppCampaign } from './smpp-campaign.ts'
import { benchSmppCodec, renderSmppCodec } from './smpp-codec.ts'

// `npm run bench`: the server on PostgreSQL and on PGlite, each as a child process like in production,
// measured with autocannon against a bare Fastify hello-world (the baseline) and, for PGlite, against
// the raw query rate of PGlite itself. Settings (environment):
//   BENCH_DURATION     seconds measured per case (default 10)
//   BENCH_WARMUP       seconds of warm-up per case, not measured (default 2)
//   BENCH_CONNECTIONS  concurrent connections (default 50)
//   BENCH_DATABASE_URL PostgreSQL server where a fresh database is created (default postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_DATABASES    which servers to run: "postgres,pglite" (default both)
//   BENCH_ROUNDS       runs of the whole set (baseline, raw PGlite, servers); each row reports the
//                      median over the rounds (default 1). On a shared 2-core machine the load drifts
//                      between cases; more rounds spread the drift over the baseline and the cases alike.
//   BENCH_NODES        the Node.js runtimes to run the servers and the baseline on, comma-separated:
//                      a release line or version (fetched by scripts/node.sh) or a path to a node
//                      binary, e.g. "24,20"; the first is the reference the targets are judged on.
//                      Default: the node running the bench.

const duration = Number(process.env.BENCH_DURATION ?? 10)
const warmup = Number(process.env.BENCH_WARMUP ?? 2)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const rounds = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 1))
const databases = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',').map((s) => s.trim()) as ('postgres' | 'pglite')[]
const RESULTS = fileURLToPath(new URL('./results.md', import.meta.url))

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

async function measure(url: string, headers?: Record<string, string>): Promise<{ rps: number; p99: number; non2xx: number; errors: number }> {
  if (warmup > 0) await autocannon({ url, connections, duration: warmup, headers })
  const r = await autocannon({ url, connections, duration, headers })
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts }
}

async function baseline(hello: { url: string }): Promise<Row> {
  log('measuring the baseline (bare Fastify hello-world)')
  const m = await measure(`${hello.url}/`)
  return { database: '—', name: 'Baseline: bare Fastify hello-world', ...m }
}

function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  return createScratchPostgresDatabase(adminUrl, 'sb_bench')
}

async function benchServer(kind: 'postgres' | 'pglite', hello: { url: string }): Promise<Row[]> {
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite'
  let pgDb: Awaited<ReturnType<typeof freshPostgres>> | undefined
  const rows: Row[] = []
  try {
    if (kind === 'postgres') {
      try {
        pgDb = await freshPostgres()
      } catch (e) {
        return [{ database: label, name: 'all cases', unavailable: `PostgreSQL not reachable at ${new URL(adminUrl).host}: ${(e as Error).message}` }]
      }
    }
    log(`starting the server on ${label}`)
    // On PostgreSQL the API scales as `serve --no-dispatch` processes beside `switchboard worker`
    // ones: the measured process is such an API process. On PGlite one process does both.
    const server = await startServer({ args: kind === 'postgres' ? ['--no-dispatch'] : [], env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: pgDb?.url } })
    try {
      const cases: BenchCase[] = await seed(server.url, server.env)
      for (const c of cases) {
        if (c.unavailable) {
          log(`${label}: ${c.name}: not available (${c.unavailable})`)
          rows.push({ database: label, name: c.name, unavailable: c.unavailable })
          continue
        }
        const adjacent = await measure(`${hello.url}/`)
        log(`${label}: measuring ${c.name}`)
        rows.push({ database: label, name: c.name, ...(await measure(`${server.url}${c.path}`, c.headers)), baseline: adjacent.rps })
      }
    } finally {
      await server.stop()
    }
  } finally {
    await pgDb?.drop().catch(() => {})
  }
  return rows
}

function machine(): { date: string; uname: string; cpu: string; cores: number } {
  let uname = ''
  try { uname = execSync('uname -a').toString().trim() } catch { uname = `${process.platform} ${process.arch}` }
  return { date: new Date().toISOString(), uname, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

/** One row per case: the median of its rounds (rate and p99), failures summed, unavailable if ever. */
function medianRows(all: Row[][]): Row[] {
  if (all.length === 0) return []
  return all[0]!.map((first) => {
    const same = all.map((rows) => rows.find((r) => r.database === first.database && r.name === first.name)).filter((r): r is Row => r !== undefined)
    const down = same.find((r) => r.unavailable)
    if (down) return down
    return {
      database: first.database, name: first.name,
      rps: median(same.map((r) => r.rps!)), p99: median(same.map((r) => r.p99!)),
      ...(first.baseline !== undefined ? { baseline: median(same.map((r) => r.baseline!)) } : {}),
      non2xx: same.reduce((n, r) => n + (r.non2xx ?? 0), 0), errors: same.reduce((n, r) => n + (r.errors ?? 0), 0),
    }
  })
}

const info = machine()
const loadAtStart = loadavg()[0]!
const runtimes = (process.env.BENCH_NODES ?? process.execPath).split(',').map((spec) => ({ spec: spec.trim(), node: useNode(spec.trim()) }))
log(`bench: ${duration} s per case (+${warmup} s warm-up), ${connections} connections, ${rounds} round(s), on ${runtimes.map((r) => r.node).join(', ')}`)
const perRound = new Map<string, Row[][]>(runtimes.map((r) => [r.node, []]))
const rawRates = new Map<string, number[]>(runtimes.map((r) => [r.node, []]))
// The baseline server of each runtime runs through the whole run: it is measured once per round (its
// row) and again right before every case of its runtime, and each case's ratio is to that adjacent
// measurement, so load from other work that comes and goes weighs on both sides of a ratio alike.
const hellos = new Map<string, Child>()
try {
  for (const r of runtimes) {
    useNode(r.spec)
    hellos.set(r.node, await startHello())
  }
  for (let round = 1; round <= rounds; round++) {
    if (rounds > 1) log(`round ${round} of ${rounds}`)
    for (const r of runtimes) {
      useNode(r.spec)
      log(`on ${nodeVersion()}`)
      const hello = hellos.get(r.node)!
      const rows: Row[] = [await baseline(hello)]
      log('measuring the raw PGlite query rate')
      rawRates.get(r.node)!.push((await runJsonChild<{ qps: number }>(['--import', 'tsx', 'bench/pglite-raw.ts'], childEnv({ BENCH_DURATION: String(duration) }))).qps)
      for (const kind of databases) rows.push(...(await benchServer(kind, hello)))
      perRound.get(r.node)!.push(rows)
    }
  }
} finally {
  for (const hello of hellos.values()) await hello.stop()
}
const results: RuntimeRows[] = runtimes.map((r) => ({ node: r.node, rows: medianRows(perRound.get(r.node)!), raw: median(rawRates.get(r.node)!) }))
// Other work on the machine takes CPU from the server and from autocannon alike: say how much.
const settings = { duration, warmup, connections, rounds, load: [loadAtStart, loadavg()[0]!] as [number, number] }
for (const r of results) process.stdout.write(`${runtimes.length > 1 ? `${r.node}\n` : ''}${renderTable(r.rows, r.rows[0]!.rps!, r.raw)}\n\n`)
let markdown = renderMarkdown(results, info, settings)
// Issue 3: the dispatcher (campaign dispatch rate, pacing, reads after dispatch) and the CSV import,
// on each runtime. BENCH_ISSUE3=0 skips them (they take ~10 minutes a runtime: pacing alone measures
// 3 minutes per database).
if (process.env.BENCH_ISSUE3 !== '0') {
  const contacts = Number(process.env.BENCH_DISPATCH_CONTACTS ?? 100_000)
  markdown += `\n## Dispatcher and CSV import (issue 3)\n\nReads are compared with the baseline's median above (of the same runtime). Pacing is measured on PostgreSQL (BENCH_PACING=all: on PGlite too).\n`
  for (const [i, r] of runtimes.entries()) {
    useNode(r.spec)
    const figures = []
    for (const kind of databases) figures.push(await benchDispatch(kind, { contacts, pacing: kind === 'postgres' || process.env.BENCH_PACING === 'all', readSeconds: duration }))
    const csvDb = await createScratchPostgresDatabase(adminUrl, 'sb_bench_csv')
    let csv = ''
    try {
      csv = renderCsvImportTable('PostgreSQL', await benchCsvImport({ databaseUrl: csvDb.url, counts: (process.env.BENCH_CSV_COUNTS ?? '100000,1000000').split(',').map(Number) }))
    } finally {
      await csvDb.drop()
    }
    const dispatchTable = renderDispatch(figures, results[i]!.rows[0]!.rps!)
    const heading = runtimes.length > 1 ? `### ${r.node}\n\n` : ''
    process.stdout.write(`\n${heading}${dispatchTable}\n\n${csv}\n`)
    markdown += `\n${heading}${dispatchTable}\n\n${csv}\n`
  }
}
// Issue 15: ResellerClub reads over 10,000 customers and the scrypt-bound signup rate (BENCH_RC=0 skips).
if (process.env.BENCH_RC !== '0') {
  const table = renderResellerClub(await benchResellerClub())
  process.stdout.write(`\n${table}\n`)
  markdown += `\n## ResellerClub catalog and customers (issue 15)\n\n${table}\n`
}
// Issue 14 point 6: Packetera reads, the hosted button and the callback submit → call latency (BENCH_PACKETERA=0 skips).
if (process.env.BENCH_PACKETERA !== '0') {
  const table = await benchPacketeraHosted()
  process.stdout.write(`\n${table}\n`)
  markdown += `\n## Packetera hosted pages and callbacks (issue 14)\n\n${table}\n`
}
// Issue 16 point 5: Porta INFO, paged account lists and REPORT over 100,000 accounts (BENCH_PORTA=0 skips).
if (process.env.BENCH_PORTA !== '0') {
  log('measuring Porta at scale')
  const table = renderPorta(await benchPorta())
  process.stdout.write(`\n${table}\n`)
  markdown += `\n## Porta at scale (issue 16)\n\nOne customer with BENCH_PORTA_ACCOUNTS (default 100,000) accounts on PostgreSQL (bench/porta.ts); each case against the hello-world measured just before it.\n\n${table}\n`
}
// Issue 18 point 7: the SMPP codec alone, on this process's runtime (BENCH_SMPP=0 skips it).
if (process.env.BENCH_SMPP !== '0') {
  log('measuring the SMPP codec')
  const table = renderSmppCodec(benchSmppCodec({ seconds: Math.min(duration, 5) }))
  process.stdout.write(`\n${table}\n`)
  markdown += `\n## SMPP codec (issue 18)\n\nPDUs per second on one core (Node ${process.versions.node}, the bench process), against a JSON round trip of the same fields measured in the same run (bench/smpp-codec.ts).\n\n${table}\n`
  const campaignTable = renderSmppCampaign(await benchSmppCampaign({ contacts: Number(process.env.BENCH_SMPP_CONTACTS ?? 100_000), window: Number(process.env.BENCH_SMPP_WINDOW ?? 50) }))
  process.stdout.write(`\n${campaignTable}\n`)
  markdown += `\n${campaignTable}\n`
}
// Issue 18 point 7: email to a local SMTP server with a pooled transport (BENCH_EMAIL=0 skips it).
if (process.env.BENCH_EMAIL !== '0') {
  log('measuring email to a local SMTP server')
  const table = renderEmail(await benchEmail({ contacts: Number(process.env.BENCH_EMAIL_CONTACTS ?? 20_000) }))
  process.stdout.write(`\n${table}\n`)
  markdown += `\n## Email over SMTP (issue 18)\n\nAn email campaign through an smtp provider to a local SMTP sink (bench/email-campaign.ts), against nodemailer's pooled transport alone measured in the same run.\n\n${table}\n`
}
// Issue 18 point 7: SMS through Kannel against Kannel alone (BENCH_KANNEL=0 skips it; needs Debian kannel, kannel-extras).
if (process.env.BENCH_KANNEL !== '0' && existsSync(BEARERBOX)) {
  log('measuring SMS through Kannel')
  const table = renderKannel(await benchKannel({ contacts: Number(process.env.BENCH_KANNEL_CONTACTS ?? 20_000) }))
  process.stdout.write(`\n${table}\n`)
  markdown += `\n## SMS through Kannel (issue 18)\n\nKannel's own sendsms path with dlr-mask 31 against the same Kannel behind Switchboard, in one run (bench/kannel-campaign.ts).\n\n${table}\n`
}
writeFileSync(RESULTS, markdown)
log(`written to ${RESULTS}`)
