import autocannon from 'autocannon'
import { fileURLToPath } from 'node:url'
import { startHello, startServer, type Child } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// Dispatcher benchmarks of issue 3, each against a real `switchboard serve` child with the sandbox gateway:
// - campaign dispatch: N contacts (default 100k), cpm unlimited, transmissions/s from start to completed;
// - pacing: cpm 600 over 2 minutes and cpm 6,000 over 1 minute, sends the sandbox received in the window;
// - reads after dispatch: Bearer GET /api/contacts/{id} and GET /api/transmissions?status=completed, req/s.
// Run alone: `node --import tsx bench/dispatch.ts` (env BENCH_DISPATCH_CONTACTS, BENCH_DATABASES,
// BENCH_PACING=0 to skip pacing, BENCH_DATABASE_URL, BENCH_DURATION for the read cases).

const ADMIN_PASSWORD = 'bench-dispatch-admin-pw'
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface DispatchFigures {
  database: 'postgres' | 'pglite'
  contacts: number
  seconds: number
  perSecond: number
  pacing: { cpm: number; seconds: number; expected: number; delivered: number; errorPct: number }[]
  reads: { name: string; rps: number; p99: number }[]
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

interface Server { child: Child; url: string; auth: string; cleanup(): Promise<void> }

/** A `serve` (API and dispatcher) with a quick tick and large batches, and its admin's credentials. */
async function dispatchServer(kind: 'postgres' | 'pglite'): Promise<Server> {
  const pg = kind === 'postgres' ? await createScratchPostgresDatabase(adminUrl, 'sb_bench_dispatch') : null
  const child = await startServer({ env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DISPATCH_BATCH: '1000', DISPATCH_TICK_MS: '20', DATABASE_URL: pg?.url } })
  return {
    child, url: child.url, auth: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`,
    async cleanup() {
      await child.stop()
      await pg?.drop()
    },
  }
}

async function call(s: Server, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
  const res = await fetch(`${s.url}${path}`, {
    method, headers: { authorization: s.auth, 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return JSON.parse(text) as unknown
}

/** A campaign of `contacts` (numbers from `offset`) on the sandbox, not started; returns its id. */
async function campaign(s: Server, contacts: number, offset: number, cpm: number): Promise<number> {
  const textId = await call(s, 'POST', '/api/messages/texts', { name: 'bench', data: 'bench message' }) as number
  const programId = await call(s, 'POST', '/api/programs/sendsms', { name: `bench ${offset}`, text_id: textId }) as number
  const groupId = await call(s, 'POST', '/api/groups', { name: `bench ${offset}` }) as number
  const lines: string[] = []
  for (let i = 0; i < contacts; i++) lines.push(`+1${String(2000000000 + offset + i)}`)
  await call(s, 'POST', `/api/groups/${groupId}/csv`, lines.join('\n'), 'text/csv')
  const id = await call(s, 'POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
  await call(s, 'PUT', `/native/campaigns/${id}/cpm`, { cpm })
  return id
}

async function waitCompleted(s: Server, id: number): Promise<void> {
  for (;;) {
    const c = await call(s, 'GET', `/api/campaigns/${id}`) as { status: string }
    if (c.status === 'completed') return
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Sends the sandbox logged for a campaign's transmissions up to `until`. */
async function sendsBefore(s: Server, campaignId: number, until: number): Promise<number> {
  const sends = await call(s, 'GET', `/native/sandbox/sends?campaignId=${campaignId}&limit=100000`) as { createdAt: string }[]
  return sends.filter((x) => Date.parse(x.createdAt) <= until).length
}

export async function benchDispatch(kind: 'postgres' | 'pglite', opts: { contacts: number; pacing: boolean; readSeconds: number }): Promise<DispatchFigures> {
  const s = await dispatchServer(kind)
  try {
    await call(s, 'POST', '/api/accounts', { username: 'bench', phone: '+15550000000' })
    await call(s, 'POST', '/api/providers', { name: 'sandbox', type: 'sandbox' })
    log(`${kind}: preparing a campaign of ${opts.contacts} contacts`)
    const id = await campaign(s, opts.contacts, 0, 0)
    const t0 = performance.now()
    await call(s, 'POST', `/api/campaigns/${id}/start`)
    await waitCompleted(s, id)
    const seconds = (performance.now() - t0) / 1000
    log(`${kind}: ${opts.contacts} transmissions in ${seconds.toFixed(1)} s`)

    const pacing: DispatchFigures['pacing'] = []
    if (opts.pacing) {
      for (const [cpm, windowSeconds] of [[600, 120], [6000, 60]] as const) {
        const expected = (cpm * windowSeconds) / 60
        const pid = await campaign(s, Math.ceil(expected * 1.2), 1_000_000 * (pacing.length + 1), cpm)
        log(`${kind}: pacing cpm ${cpm} for ${windowSeconds} s`)
        const started = Date.now()
        await call(s, 'POST', `/api/campaigns/${pid}/start`)
        await new Promise((r) => setTimeout(r, windowSeconds * 1000))
        await call(s, 'POST', `/api/campaigns/${pid}/stop`)
        await new Promise((r) => setTimeout(r, 1000))
        const delivered = await sendsBefore(s, pid, started + windowSeconds * 1000)
        pacing.push({ cpm, seconds: windowSeconds, expected, delivered, errorPct: ((delivered - expected) / expected) * 100 })
      }
    }

    const login = await fetch(`${s.url}/api/authenticate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) })
    const token = ((await login.json()) as { token: string }).token
    const [contact] = await call(s, 'GET', '/api/contacts?limit=1') as { contact_id: number }[]
    const reads: DispatchFigures['reads'] = []
    for (const [name, path] of [['Bearer GET /api/contacts/{id}', `/api/contacts/${contact!.contact_id}`], ['Bearer GET /api/transmissions?status=completed', '/api/transmissions?status=completed']] as const) {
      log(`${kind}: measuring ${name}`)
      const r = await autocannon({ url: `${s.url}${path}`, connections: 20, duration: opts.readSeconds, headers: { authorization: `Bearer ${token}` } })
      reads.push({ name, rps: r.requests.average, p99: r.latency.p99 })
    }
    return { database: kind, contacts: opts.contacts, seconds, perSecond: opts.contacts / seconds, pacing, reads }
  } finally {
    await s.cleanup()
  }
}

/** Markdown rows of the figures (ratios of reads against `baseline` req/s measured in the same run). */
export function renderDispatch(figures: DispatchFigures[], baseline: number): string {
  const label = (k: string) => (k === 'postgres' ? 'PostgreSQL' : 'PGlite')
  const lines = ['| Database | Case | Figure | Target |', '|---|---|---:|---|']
  for (const f of figures) {
    lines.push(`| ${label(f.database)} | campaign dispatch, ${f.contacts} contacts, sandbox, cpm unlimited | ${Math.round(f.perSecond)} transmissions/s (${f.seconds.toFixed(1)} s) | ≥ ${f.database === 'postgres' ? '3,000' : '1,000'}/s |`)
    for (const p of f.pacing) lines.push(`| ${label(f.database)} | pacing cpm ${p.cpm} over ${p.seconds} s | ${p.delivered} sent (expected ${p.expected}, ${p.errorPct >= 0 ? '+' : ''}${p.errorPct.toFixed(2)} %) | ± 1 % |`)
    for (const r of f.reads) lines.push(`| ${label(f.database)} | ${r.name} | ${Math.round(r.rps)} req/s (${(r.rps / baseline).toFixed(2)} × baseline, p99 ${r.p99} ms) | reported |`)
  }
  return lines.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const contacts = Number(process.env.BENCH_DISPATCH_CONTACTS ?? 100_000)
  const databases = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',').map((x) => x.trim()) as ('postgres' | 'pglite')[]
  const figures: DispatchFigures[] = []
  for (const kind of databases) figures.push(await benchDispatch(kind, { contacts, pacing: process.env.BENCH_PACING !== '0', readSeconds: Number(process.env.BENCH_DURATION ?? 10) }))
  // Baseline of the read ratios: a bare Fastify hello-world measured now, like bench/run.ts does.
  const hello = await startHello()
  const base = await autocannon({ url: `${hello.url}/`, connections: 20, duration: Number(process.env.BENCH_DURATION ?? 10) })
  await hello.stop()
  process.stdout.write(`Baseline hello-world: ${Math.round(base.requests.average)} req/s\n\n${renderDispatch(figures, base.requests.average)}\n`)
}
