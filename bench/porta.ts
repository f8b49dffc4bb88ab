import autocannon from 'autocannon'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { runCli, startHello, startServer } from './processes.ts'

// Issue 16 point 5, on PostgreSQL against a real `serve` child: one customer with BENCH_PORTA_ACCOUNTS
// (default 100,000) accounts on two main products, a tenth with an add-on assignment; measures
// GetAccountInfoByIAccount in JSON and JSV, GetPagedAccountsForMultipleProducts (page 50, 100 per
// page, every page in turn, and the first page right after a write) and the REPORT GetProductsList
// (activation window of one day), each as req/s, p99 and a ratio to the bare Fastify hello-world
// measured right before it.
// Run alone: `node --import tsx bench/porta.ts` (BENCH_DURATION seconds per case, default 10; BENCH_WARMUP
// seconds of unmeasured load before each, default 2).

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const duration = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)
// Seconds of load before each measured case (as bench/run.ts): the server's code reaches its steady, optimised state.
const warmup = Number(process.env.BENCH_WARMUP ?? 2)

export interface PortaFigures {
  accounts: number
  cases: { name: string; rps: number; baseline: number; p99: number; non2xx: number; connections: number }[]
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** req/s and p99 of `url`, or of the paths `paths` gives in turn (every page of a list, say). */
async function rate(url: string, conns: number, paths?: (i: number) => string): Promise<{ rps: number; p99: number; non2xx: number }> {
  let i = 0
  const requests = paths ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: paths(i++) }) }] : undefined
  if (warmup > 0) await autocannon({ url, connections: conns, duration: warmup, requests })
  const r = await autocannon({ url, connections: conns, duration, requests })
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts }
}

/**
 * The first page of a list right after a write to an account (the cached match is dropped, so the
 * page reads it anew), `rounds` times in a row: req/s of that sequence and its slowest page.
 */
async function pageAfterWrite(url: string, databaseUrl: string, accountId: number, rounds: number): Promise<{ rps: number; p99: number; non2xx: number }> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  const times: number[] = []
  let failed = 0
  try {
    for (let i = 0; i < rounds; i++) {
      await client.query('update accounts set first_name = $1 where id = $2', [`First${i}`, accountId])
      // The change notice reaches the server asynchronously: a short settle keeps the measure honest.
      await new Promise((r) => setTimeout(r, 50))
      const t0 = performance.now()
      const res = await fetch(url)
      await res.arrayBuffer()
      times.push(performance.now() - t0)
      if (res.status !== 200) failed++
    }
  } finally {
    await client.end()
  }
  const total = times.reduce((a, b) => a + b, 0)
  return { rps: (rounds * 1000) / total, p99: Math.round(Math.max(...times)), non2xx: failed }
}

/** The customer, products and accounts, written straight to the database; returns ids to read. */
export async function seed(databaseUrl: string, resellerId: number, count: number): Promise<{ customerId: number; productIds: number[]; accountId: number }> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows: [customer] } = await client.query<{ id: number }>(`insert into customers (tenant_id, name) values ($1, 'Porta Bench Ltd') returning id`, [resellerId])
    const { rows: products } = await client.query<{ id: number }>(
      `insert into products (tenant_id, kind, name, fee, currency) values ($1, 'main', 'Gold', 9.99, 'GBP'), ($1, 'main', 'Silver', 4, 'GBP'), ($1, 'addon', 'Intl', 2, 'GBP') returning id`, [resellerId])
    const [gold, silver, intl] = products.map((p) => p.id) as [number, number, number]
    await client.query(
      `insert into accounts (tenant_id, customer_id, type, username, first_name, last_name, email, created_at)
       select $1, $2, 'account', 'bench' || g, 'First' || g, 'Last', 'bench' || g || '@example.com', now() - (g || ' minutes')::interval
       from generate_series(1, $3) g`, [resellerId, customer!.id, count])
    await client.query(
      `insert into account_services (account_id, tenant_id, product_id, billing_model, currency, balance, extension_number)
       select a.id, $1, case when a.id % 2 = 0 then $2::int else $3::int end, 'prepaid', 'GBP', 10, (100000 + a.id)::text
       from accounts a where a.customer_id = $4`, [resellerId, gold, silver, customer!.id])
    await client.query(
      `insert into account_addons (tenant_id, account_id, addon_product_id, effective_from)
       select $1, a.id, $2, now() - interval '1 day' from accounts a where a.customer_id = $3 and a.id % 10 = 0`, [resellerId, intl, customer!.id])
    await client.query('analyze accounts; analyze account_services; analyze account_addons; analyze products; analyze customers')
    const { rows: [mid] } = await client.query<{ id: number }>('select id from accounts where customer_id = $1 order by id offset $2 limit 1', [customer!.id, Math.floor(count / 2)])
    return { customerId: customer!.id, productIds: [gold, silver], accountId: mid!.id }
  } finally {
    await client.end()
  }
}

export async function benchPorta(opts: { accounts?: number } = {}): Promise<PortaFigures> {
  const count = opts.accounts ?? Number(process.env.BENCH_PORTA_ACCOUNTS ?? 100_000)
  const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_porta')
  const hello = await startHello()
  const server = await startServer({ args: ['--no-dispatch'], env: { DATABASE_URL: db.url } })
  try {
    const reseller = JSON.parse(await runCli(['reseller', 'create', '--name', 'Porta Bench', '--username', 'portabench', '--json'], server.env)) as { id: number; apiKey: string }
    log(`seeding ${count} accounts`)
    const s = await seed(db.url, reseller.id, count)
    const key = reseller.apiKey
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const pages = Math.max(1, Math.floor(count / 100))
    const pagePath = (n: number) => `/porta/GetPagedAccountsForMultipleProducts/${key}/${s.customerId}/${s.productIds.join(',')}/${n}/100/*`
    const cases = [
      { name: 'Porta GetAccountInfoByIAccount (JSON)', path: `/porta/GetAccountInfoByIAccount/${key}/${s.accountId}`, conns: connections },
      { name: 'Porta GetAccountInfoByIAccount (JSV)', path: `/porta/GetAccountInfoByIAccount/${key}/${s.accountId}.jsv`, conns: connections },
      { name: `Porta GetPagedAccountsForMultipleProducts, ${count} accounts, every page of 100 in turn`, path: pagePath(50), paths: (i: number) => pagePath((i % pages) + 1), conns: 4 },
      { name: `Porta GetPagedAccountsForMultipleProducts, ${count} accounts, page 50 right after a write to an account (the match read anew; p99 = slowest of 20)`, path: pagePath(50), afterWrite: true, conns: 1 },
      { name: `Porta GetProductsList (REPORT), ${count} accounts, activation window of one day`, path: `/porta/GetProductsList/${key}/${day}/${day}/true`, conns: 1 },
    ]
    const out: PortaFigures['cases'] = []
    for (const c of cases) {
      const probe = await fetch(`${server.url}${c.path}`)
      if (probe.status !== 200) throw new Error(`${c.name}: ${probe.status} ${(await probe.text()).slice(0, 200)}`)
      const baseline = await rate(`${hello.url}/`, connections)
      log(`measuring ${c.name}`)
      const m = c.afterWrite ? await pageAfterWrite(`${server.url}${c.path}`, db.url, s.accountId, 20) : await rate(`${server.url}`, c.conns, c.paths ?? (() => c.path))
      out.push({ name: c.name, ...m, baseline: baseline.rps, connections: c.conns })
    }
    return { accounts: count, cases: out }
  } finally {
    await server.stop()
    await hello.stop()
    await db.drop()
  }
}

/** The markdown table of the figures. */
export function renderPorta(f: PortaFigures): string {
  const lines = ['| Database | Case | req/s | × baseline | p99 ms | Notes |', '|---|---|---:|---:|---:|---|']
  for (const r of f.cases) {
    lines.push(`| PostgreSQL | ${r.name} | ${Math.round(r.rps).toLocaleString('en')} | ${(r.rps / r.baseline).toFixed(2)} | ${r.p99} | ${r.connections} connections; hello-world ${Math.round(r.baseline).toLocaleString('en')} req/s${r.non2xx ? `; ${r.non2xx} non-2xx` : ''} |`)
  }
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchPorta()
  process.stdout.write(`${renderPorta(figures)}\n`)
}
