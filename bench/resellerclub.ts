import autocannon from 'autocannon'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { hashSecret } from '../src/core/secrets/scrypt.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { runCli, startHello, startServer } from './processes.ts'

// Issue 15 point 7, on PostgreSQL against a real `serve` child:
// - customers/details-by-id and customers/search (10,000 customers, page 50 of 100) req/s, each as a
//   ratio to the bare Fastify hello-world measured right before it;
// - customers/signup rate, which scrypt bounds (every signup hashes a password): as a ratio to the
//   raw scrypt rate with the same parameters measured in this process in the same run.
// Run alone: `node --import tsx bench/resellerclub.ts` (BENCH_DURATION seconds per case, default 10;
// BENCH_RC_CUSTOMERS, default 10,000; BENCH_DATABASE_URL).

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const duration = Number(process.env.BENCH_DURATION ?? 10)
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50)

export interface ResellerClubFigures {
  customers: number
  reads: { name: string; rps: number; baseline: number; p99: number; non2xx: number }[]
  signup: { perSecond: number; scryptPerSecond: number; non2xx: number }
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

async function rate(url: string, extra: Partial<autocannon.Options> = {}): Promise<{ rps: number; p99: number; non2xx: number }> {
  await autocannon({ url, connections, duration: Math.min(2, duration), ...extra })
  const r = await autocannon({ url, connections, duration, ...extra })
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts }
}

/** Hashes per second with every libuv worker busy, as the server's signups keep them. */
async function scryptRate(seconds: number): Promise<number> {
  const workers = Number(process.env.UV_THREADPOOL_SIZE ?? 4)
  const end = Date.now() + seconds * 1000
  let done = 0
  await Promise.all(Array.from({ length: workers }, async () => {
    while (Date.now() < end) {
      await hashSecret('Bench1234')
      done++
    }
  }))
  return done / seconds
}

/** 10,000 customers of the reseller with a primary login each, written straight to the database. */
async function seedCustomers(databaseUrl: string, resellerId: number, count: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const hash = await hashSecret('Bench1234')
    const { rows } = await client.query<{ id: number }>(
      `insert into customers (tenant_id, name, company, email, address1, city, state, country, zipcode, phone_cc, phone, lang_pref, pin)
       select $1, 'Bench Customer ' || g, 'Bench Ltd', 'bench' || g || '@example.com', '1 Main St', 'Springfield', 'Oregon', 'US', '97477', '1', '5415550100', 'en', 1000 + g % 9000
       from generate_series(1, $2) g returning id`, [resellerId, count])
    await client.query(
      `insert into users (tenant_id, customer_id, username, email, password_hash)
       select $1, c.id, c.email, c.email, $2 from customers c where c.tenant_id = $1`, [resellerId, hash])
    await client.query('analyze customers; analyze users')
    return rows.map((r) => r.id)
  } finally {
    await client.end()
  }
}

export async function benchResellerClub(opts: { customers?: number } = {}): Promise<ResellerClubFigures> {
  const count = opts.customers ?? Number(process.env.BENCH_RC_CUSTOMERS ?? 10_000)
  const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_rc')
  const hello = await startHello()
  const server = await startServer({ args: ['--no-dispatch'], env: { DATABASE_URL: db.url } })
  try {
    const reseller = JSON.parse(await runCli(['reseller', 'create', '--name', 'RC Bench', '--username', 'rcbench', '--json'], server.env)) as { id: number; apiKey: string }
    log(`seeding ${count} customers`)
    const ids = await seedCustomers(db.url, reseller.id, count)
    const auth = `auth-userid=${reseller.id}&api-key=${reseller.apiKey}`
    const reads: ResellerClubFigures['reads'] = []
    const cases = [
      { name: 'ResellerClub customers/details-by-id', path: `/resellerclub/api/customers/details-by-id.json?${auth}&customer-id=${ids[Math.floor(ids.length / 2)]}` },
      { name: `ResellerClub customers/search, ${count} customers, page 50 of 100`, path: `/resellerclub/api/customers/search.json?${auth}&no-of-records=${Math.max(10, Math.floor(count / 100))}&page-no=50` },
    ]
    for (const c of cases) {
      const probe = await fetch(`${server.url}${c.path}`)
      if (probe.status !== 200) throw new Error(`${c.name}: ${probe.status} ${(await probe.text()).slice(0, 200)}`)
      const baseline = await rate(`${hello.url}/`)
      log(`measuring ${c.name}`)
      const m = await rate(`${server.url}${c.path}`)
      reads.push({ name: c.name, ...m, baseline: baseline.rps })
    }
    log('measuring customers/signup against raw scrypt')
    let n = 0
    const form = (i: number) => new URLSearchParams({
      'auth-userid': String(reseller.id), 'api-key': reseller.apiKey, username: `signup${i}@bench.example.com`, passwd: 'Bench1234', name: 'Signup Bench',
      company: 'Bench Ltd', 'address-line-1': '1 Main St', city: 'Springfield', state: 'Oregon', country: 'US', zipcode: '97477', 'phone-cc': '1', phone: '5415550100', 'lang-pref': 'en',
    }).toString()
    const signup = await autocannon({
      url: `${server.url}/resellerclub/api/customers/signup.json`, connections: 8, duration,
      requests: [{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, setupRequest: (req) => ({ ...req, body: form(n++) }) }],
    })
    const scryptPerSecond = await scryptRate(Math.min(duration, 5))
    return { customers: count, reads, signup: { perSecond: signup.requests.average, scryptPerSecond, non2xx: signup.non2xx + signup.errors } }
  } finally {
    await server.stop()
    await hello.stop()
    await db.drop()
  }
}

/** The markdown table of the figures. */
export function renderResellerClub(f: ResellerClubFigures): string {
  const lines = ['| Database | Case | req/s | × baseline | p99 ms | Target |', '|---|---|---:|---:|---:|---|']
  for (const r of f.reads) lines.push(`| PostgreSQL | ${r.name} | ${Math.round(r.rps).toLocaleString('en')} | ${(r.rps / r.baseline).toFixed(2)} | ${r.p99} | against the hello-world (${Math.round(r.baseline).toLocaleString('en')} req/s)${r.non2xx ? `; ${r.non2xx} non-2xx` : ''} |`)
  lines.push(`| PostgreSQL | ResellerClub customers/signup (scrypt N=2^14 per signup) | ${f.signup.perSecond.toFixed(1)} | ${(f.signup.perSecond / f.signup.scryptPerSecond).toFixed(2)} × raw scrypt | | raw scrypt ${f.signup.scryptPerSecond.toFixed(1)}/s on ${cpus().length} cores in the same run${f.signup.non2xx ? `; ${f.signup.non2xx} non-2xx` : ''} |`)
  return lines.join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await benchResellerClub()
  process.stdout.write(`${renderResellerClub(figures)}\n`)
}
