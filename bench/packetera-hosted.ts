import autocannon from 'autocannon'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { resellerActor } from '../src/core/actor.ts'
import { callbackRequestById } from '../src/core/click-to-call/index.ts'
import { createProvider } from '../src/core/providers/index.ts'
import { createReseller } from '../src/core/resellers/index.ts'
import { openDatabase } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { runCli, startHello, startServer } from './processes.ts'

// Issue 14 point 6: the Packetera figures.
//   node --import tsx bench/packetera-hosted.ts      (also part of `npm run bench`, BENCH_PACKETERA=0 skips it)
// 1. req/s of 1303 GetMemberProfile, 3305 GetDefaultBtnHTMLPublishLink, button.js and the button JSON,
//    the server a child process, each against the bare Fastify hello-world measured right before it
//    (button.js and the button JSON are of the static-file class: target ≥ 0.7 of the baseline);
// 2. callback submit → `calling_member` (the sandbox gateway has the call), BENCH_CALLBACK_ROUNDS (200)
//    single submissions one after the other, the dispatcher in the same process: p50/p99 ms.
// BENCH_DATABASES: "postgres,pglite" (default both). BENCH_DURATION (10), BENCH_CONNECTIONS (50).

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const duration = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const rounds = Number(process.env.BENCH_CALLBACK_ROUNDS ?? 200)
const databases = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',').map((s) => s.trim()) as ('postgres' | 'pglite')[]
const log = (line: string) => process.stderr.write(`${line}\n`)

async function rps(url: string): Promise<{ rps: number; p99: number; non2xx: number }> {
  await autocannon({ url, connections, duration: Math.min(2, duration) })
  const r = await autocannon({ url, connections, duration })
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx }
}

const pairs = (body: string) => Object.fromEntries(body.split('&').map((p) => { const i = p.indexOf('='); return [p.slice(0, i), decodeURIComponent(p.slice(i + 1))] }))

/** The four read cases on one database: rows of the table. */
async function readRows(kind: 'postgres' | 'pglite'): Promise<string[]> {
  const pg = kind === 'postgres' ? await createScratchPostgresDatabase(adminUrl, 'sb_bench_pk') : null
  const hello = await startHello()
  const server = await startServer({ args: kind === 'postgres' ? ['--no-dispatch'] : [], env: { DATABASE_URL: pg?.url } })
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite'
  try {
    const partner = JSON.parse(await runCli(['reseller', 'create', '--name', 'Bench Packetera', '--username', 'benchpk', '--json'], server.env)) as { apiKey: string }
    const auth = { WebUserName: 'benchpk', WebUserPassword: partner.apiKey, UserEmail: 'bench@example.com', UserPassword: 'secret-pw' }
    const endpoint = `${server.url}/packetera/cbc_APIs.aspx`
    const card = pairs(await (await fetch(`${endpoint}?${new URLSearchParams({ TransactionType: '1101', ...auth, FirstName: 'B', LastName: 'M', PhoneNumber: '+15550100001', Corporate: 'No' })}`)).text())
    const activation = pairs(await (await fetch(`${endpoint}?${new URLSearchParams({ TransactionType: '2304', ...auth })}`)).text()).ActivationID!
    await fetch(`${endpoint}?ActivationId=${activation}`)
    const guid = card.DefaultButtonGUID!
    const cases: [string, string][] = [
      ['Packetera 1303 GetMemberProfile', `${endpoint}?${new URLSearchParams({ TransactionType: '1303', ...auth })}`],
      ['Packetera 3305 GetDefaultBtnHTMLPublishLink', `${endpoint}?${new URLSearchParams({ TransactionType: '3305', ...auth })}`],
      ['Packetera button.js (static class)', `${server.url}/packetera/button.js`],
      ['Packetera button JSON (static class)', `${server.url}/packetera/button/${guid}.json`],
    ]
    const rows: string[] = []
    for (const [name, url] of cases) {
      const base = await rps(`${hello.url}/`)
      log(`${label}: measuring ${name}`)
      const m = await rps(url)
      rows.push(`| ${label} | ${name} | ${m.rps.toFixed(0)} | ${m.p99} | ${m.non2xx} | ${base.rps.toFixed(0)} | ${(m.rps / base.rps).toFixed(2)} |`)
    }
    return rows
  } finally {
    await server.stop()
    await hello.stop()
    await pg?.drop()
  }
}

/** Submit → `calling_member` latency on one database: a row of the table. */
async function callbackRow(kind: 'postgres' | 'pglite'): Promise<string> {
  const pg = kind === 'postgres' ? await createScratchPostgresDatabase(adminUrl, 'sb_bench_pkcb') : null
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-pk-'))
  const database = await openDatabase(pg ? { databaseUrl: pg.url } : { dataDir })
  await migrate(database)
  // No rate limits: every submission comes from the bench's one address.
  const config = { ...loadConfig({}), dataDir, packetera: { perAddressMax: 0, perButtonMax: 0 } }
  const app = await buildApp({ config, database, logger: pino({ level: 'warn' }), dispatch: true })
  try {
    const { reseller, apiKey } = await createReseller(app.core, { name: 'Bench Callbacks', username: 'benchcb' })
    // The member's leg rings for a minute: the request stays `calling_member` once the gateway has it.
    await createProvider(app.core, resellerActor(reseller.id), { name: 'sandbox', type: 'sandbox', settings: JSON.stringify({ default: { delay_ms: 60_000 } }) })
    const auth = { WebUserName: 'benchcb', WebUserPassword: apiKey, UserEmail: 'cb@example.com', UserPassword: 'secret-pw' }
    const tx = async (fields: Record<string, string>) => pairs((await app.http.inject({ method: 'GET', url: `/packetera/cbc_APIs.aspx?${new URLSearchParams(fields)}` })).body)
    const card = await tx({ TransactionType: '1101', ...auth, FirstName: 'B', LastName: 'M', PhoneNumber: '+15550100001', Corporate: 'No' })
    await tx({ ActivationId: (await tx({ TransactionType: '2304', ...auth })).ActivationID! })
    const delays: number[] = []
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now()
      const res = await app.http.inject({
        method: 'POST', url: `/packetera/teleform/${card.DefaultButtonGUID}/callback`,
        headers: { 'content-type': 'application/json', accept: 'application/json' }, payload: JSON.stringify({ phone: `+1555${String(2000000 + i)}` }),
      })
      const { requestId } = res.json() as { requestId: string }
      if (res.statusCode !== 202) throw new Error(`submit ${res.statusCode}: ${res.body}`)
      for (;;) {
        if ((await callbackRequestById(app.core, requestId)).status === 'calling_member') break
        if (performance.now() - t0 > 30_000) throw new Error('no calling_member within 30 s')
        await new Promise((r) => setTimeout(r, 2))
      }
      delays.push(performance.now() - t0)
    }
    delays.sort((a, b) => a - b)
    const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!.toFixed(1)
    return `| ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} | ${rounds} | ${pct(50)} | ${pct(99)} | ${delays.at(-1)!.toFixed(1)} |`
  } finally {
    await app.stop()
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
    await pg?.drop()
  }
}

/** Every Packetera figure of issue 14, as markdown tables. */
export async function benchPacketeraHosted(): Promise<string> {
  const reads: string[] = []
  for (const kind of databases) reads.push(...(await readRows(kind)))
  const callbacks: string[] = []
  for (const kind of databases) callbacks.push(await callbackRow(kind))
  return [
    '| Database | Case (server a child process) | req/s | p99 ms | non-2xx | baseline req/s (adjacent) | ratio |',
    '|---|---|---:|---:|---:|---:|---:|', ...reads,
    '',
    '| Database | submissions | submit → calling_member p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|', ...callbacks,
  ].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${await benchPacketeraHosted()}\n`)
  process.exit(0)
}
