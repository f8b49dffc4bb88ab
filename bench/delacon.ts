import autocannon from 'autocannon'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { resellerActor, systemActor } from '../src/core/actor.ts'
import { provisionNumbers } from '../src/core/call-tracking/index.ts'
import { addNumbers } from '../src/core/numbers/index.ts'
import { createReseller, updatePartnerSettings } from '../src/core/resellers/index.ts'
import { openDatabase } from '../src/db/client.ts'
import { migrate } from '../src/db/migrate.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { runCli, startHello, startServer } from './processes.ts'

// Issue 17 point 7: Delacon figures.
//   node --import tsx bench/delacon.ts
// 1. provision req/s on the OK path (a new company and one number per request, one pool) against the
//    bare Fastify hello-world, the server a child process on PostgreSQL (`serve --no-dispatch`);
// 2. callback throughput: BENCH_CALLBACKS (3000) WAIT orders filled by one stock addition, their
//    callbacks POSTed to a local receiver that accepts at once (target ≥ 500/s on PostgreSQL);
// 3. the delay from stock added (committed) to the callback received, BENCH_LATENCY_ROUNDS (200)
//    single orders one after the other (target p99 < 1 s).
// BENCH_DATABASES: "postgres,pglite" (callback parts; default both). BENCH_DURATION (10), BENCH_CONNECTIONS (50).

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const duration = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
const callbacks = Number(process.env.BENCH_CALLBACKS ?? 3000)
const latencyRounds = Number(process.env.BENCH_LATENCY_ROUNDS ?? 200)
const databases = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',').map((s) => s.trim())
const log = (line: string) => process.stderr.write(`${line}\n`)

async function rps(url: string, opts: Partial<autocannon.Options> = {}): Promise<{ rps: number; p99: number; non2xx: number }> {
  await autocannon({ url, connections, duration: 2, ...opts })
  const r = await autocannon({ url, connections, duration, ...opts })
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx }
}

async function provisionBench(): Promise<string> {
  const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_delacon')
  const hello = await startHello()
  const server = await startServer({ args: ['--no-dispatch'], env: { DATABASE_URL: db.url } })
  try {
    const reseller = JSON.parse(await runCli(['reseller', 'create', '--name', 'Bench Delacon', '--username', 'benchdelacon', '--json'], server.env)) as { apiKey: string }
    for (let i = 0; i < 5; i++) await runCli(['numbers', 'add', '--region', 'UK', '--type', '020', '--count', '10000', '--json'], server.env)
    const base = await rps(`${hello.url}/`)
    const body = new URLSearchParams({
      BusinessName: 'Bench Plumbing', EmailAddress: 'bench@example.com', TerminationNumber: '+442079460000', region: 'UK', numberType: '020', numbers: '1', termsCheck: 'on',
    }).toString()
    const ok = await rps(`${server.url}/delacon/rest/config/provision`, {
      method: 'POST', body, headers: { auth: reseller.apiKey, 'content-type': 'application/x-www-form-urlencoded' },
    })
    return [
      '| Case (PostgreSQL, server a child process) | req/s | p99 ms | non-2xx | ratio to baseline |',
      '|---|---:|---:|---:|---:|',
      `| Baseline: bare Fastify hello-world | ${base.rps.toFixed(0)} | ${base.p99} | ${base.non2xx} | 1.00 |`,
      `| Delacon provision, OK path (new company, 1 number) | ${ok.rps.toFixed(0)} | ${ok.p99} | ${ok.non2xx} | ${(ok.rps / base.rps).toFixed(2)} |`,
    ].join('\n')
  } finally {
    await server.stop()
    await hello.stop()
    await db.drop()
  }
}

/** A receiver that accepts every callback at once and notes when each order's arrived. */
async function receiver() {
  const arrived = new Map<number, number>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      arrived.set(Number(new URLSearchParams(Buffer.concat(chunks).toString()).get('OrderID')), performance.now())
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"RESULT":"ACCEPTED"}')
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { arrived, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()) }) }
}

const waitFor = async (what: () => boolean, timeoutMs: number) => {
  const end = performance.now() + timeoutMs
  while (!what()) {
    if (performance.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 2))
  }
}

async function callbackBench(kind: 'postgres' | 'pglite'): Promise<string> {
  const pg = kind === 'postgres' ? await createScratchPostgresDatabase(adminUrl, 'sb_bench_cb') : null
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-cb-'))
  const database = await openDatabase(pg ? { databaseUrl: pg.url } : { dataDir })
  await migrate(database)
  const config = { ...loadConfig({}), dataDir }
  const app = await buildApp({ config, database, logger: pino({ level: 'warn' }), dispatch: true })
  const rx = await receiver()
  try {
    const { reseller } = await createReseller(app.core, { name: 'Bench Callbacks' })
    await updatePartnerSettings(app.core, systemActor, reseller.id, { 'delacon.callbackUrl': rx.url })
    const actor = resellerActor(reseller.id)
    const company = { name: 'Bench Co', email: 'b@example.com', terminationNumber: '+61290001234', region: 'AU', numberType: '1800' }
    const first = await provisionNumbers(app.core, actor, { quantity: 1, company })
    const ids = [first.orderId]
    log(`${kind}: placing ${callbacks} WAIT orders`)
    for (let i = 1; i < callbacks; i++) ids.push((await provisionNumbers(app.core, actor, { quantity: 1, companyId: first.companyId! })).orderId)
    const t0 = performance.now()
    const { fulfilledOrders } = await addNumbers(app.core, systemActor, { region: 'AU', numberType: '1800', count: callbacks })
    const committed = performance.now()
    await waitFor(() => ids.every((id) => rx.arrived.has(id)), 120_000)
    const lastArrival = Math.max(...ids.map((id) => rx.arrived.get(id)!))
    const throughput = callbacks / ((lastArrival - committed) / 1000)
    log(`${kind}: ${fulfilledOrders.length} filled in ${(committed - t0).toFixed(0)} ms; callbacks ${throughput.toFixed(0)}/s`)

    const delays: number[] = []
    for (let i = 0; i < latencyRounds; i++) {
      const order = await provisionNumbers(app.core, actor, { quantity: 1, companyId: first.companyId! })
      if (order.status !== 'WAIT') throw new Error(`order ${order.orderId} is ${order.status}`)
      await addNumbers(app.core, systemActor, { region: 'AU', numberType: '1800', count: 1 })
      const added = performance.now()
      await waitFor(() => rx.arrived.has(order.orderId), 30_000)
      delays.push(rx.arrived.get(order.orderId)! - added)
    }
    delays.sort((a, b) => a - b)
    const pct = (p: number) => delays[Math.min(delays.length - 1, Math.floor((p / 100) * delays.length))]!.toFixed(1)
    return `| ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'} | ${callbacks} | ${throughput.toFixed(0)} | ${latencyRounds} | ${pct(50)} | ${pct(99)} | ${delays.at(-1)!.toFixed(1)} |`
  } finally {
    await app.stop()
    await rx.close()
    await database.close()
    rmSync(dataDir, { recursive: true, force: true })
    await pg?.drop()
  }
}

const out: string[] = []
if (process.env.BENCH_PROVISION !== '0') out.push(await provisionBench())
const rows: string[] = []
for (const kind of databases) rows.push(await callbackBench(kind as 'postgres' | 'pglite'))
out.push([
  '| Database | callbacks filled at once | callbacks/s (commit → last received) | single orders | stock → callback p50 ms | p99 ms | max ms |',
  '|---|---:|---:|---:|---:|---:|---:|', ...rows,
].join('\n'))
process.stdout.write(`${out.join('\n\n')}\n`)
process.exit(0)
