import { createServer } from 'node:http'
import { Agent, request } from 'node:http'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { cpuSeconds, startServer } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { freePort, Kannel } from '../test/helpers/kannel.ts'

// Issue 18 point 7: SMS through Kannel (bearerbox, smsbox, fakesmsc from Debian) with delivery
// reports (dlr-mask 31), measured in one run:
// - Kannel alone: `contacts` sendsms requests straight to smsbox (50 in flight, keep-alive), each with
//   a dlr-url to a trivial HTTP receiver in this process, timed until every final DLR (type 1) came;
// - Switchboard through the same Kannel: an SMS campaign of `contacts` contacts through an `http`
//   provider (a `switchboard serve` child on a scratch PostgreSQL database, cpm unlimited), timed until
//   every transmission completed and every delivery report is stored as its `info`/`delivery` row.
// Target: Switchboard ≥ 0.9 × Kannel alone. Alone: `node --import tsx bench/kannel-campaign.ts`
// (BENCH_KANNEL_CONTACTS, default 20000; BENCH_KANNEL_PROFILE=<dir>: the server writes a V8 CPU
// profile there, for bench/profile-summary.ts).
// The machine is shared: besides the rates, the CPU time per message of each part is shown (Kannel's
// three processes, the sending side — this process alone, the Switchboard server with it — and the
// PostgreSQL backends of the scratch database), which a busy neighbour changes much less than a rate.

const ADMIN_PASSWORD = 'bench-kannel-admin-pw'
const KANNEL_PASSWORD = 'bench-kannel-pw'
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const TEXT = 'Your code is 482913. It expires in 10 minutes.'

/** CPU milliseconds per message, by part. */
export interface CpuPerMessage { kannel: number; sender: number; database: number }

export interface KannelFigures {
  contacts: number; kannelPerSecond: number; perSecond: number; ratio: number; loadAverage: number
  /** Kannel alone (the sender is this process), and through Switchboard (the sender is the server). */
  cpuAlone: CpuPerMessage; cpuSwitchboard: CpuPerMessage
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** CPU seconds of processes, by pid (0 for one that is gone). */
function cpuOf(pids: readonly number[]): number {
  let total = 0
  for (const pid of pids) {
    try { total += cpuSeconds(pid) } catch { /* exited */ }
  }
  return total
}

/** The PostgreSQL backends serving database `name` now. */
async function backendPids(client: pg.Client, name: string): Promise<number[]> {
  return (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name])).rows.map((r) => r.pid)
}

/** Kannel's own sendsms path with DLRs: `n` requests, 50 in flight; resolves to messages per second. */
async function kannelAlone(sendsmsPort: number, n: number): Promise<number> {
  let delivered = 0
  const dlr = createServer((req, res) => {
    if (/[?&]type=1(&|$)/.test(req.url ?? '')) delivered++
    res.end('ok')
  })
  await new Promise<void>((resolve) => dlr.listen(0, '127.0.0.1', resolve))
  const dlrPort = (dlr.address() as { port: number }).port
  const agent = new Agent({ keepAlive: true, maxSockets: 50 })
  const get = (url: string) => new Promise<void>((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => (res.statusCode === 202 || res.statusCode === 200 ? resolve() : reject(new Error(`sendsms ${res.statusCode}`))))
    })
    req.on('error', reject)
    req.end()
  })
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: 50 }, async () => {
    while (next < n) {
      const i = next++
      const params = new URLSearchParams({
        username: 'bench', password: KANNEL_PASSWORD, to: `+1${3000000000 + i}`, from: '+15550000000', text: TEXT, coding: '0', charset: 'UTF-8',
        'dlr-mask': '31', 'dlr-url': `http://127.0.0.1:${dlrPort}/dlr?id=${i}&type=%d`,
      })
      await get(`http://127.0.0.1:${sendsmsPort}/cgi-bin/sendsms?${params.toString().replace(/\+/g, '%20')}`)
    }
  }))
  while (delivered < n) await sleep(50)
  const perSecond = n / ((performance.now() - t0) / 1000)
  agent.destroy()
  dlr.close()
  return perSecond
}

export async function benchKannel(opts: { contacts: number }): Promise<KannelFigures> {
  const sendsmsPort = await freePort()
  const groups = ['group = sendsms-user', 'username = "bench"', `password = "${KANNEL_PASSWORD}"`, 'max-messages = 10', '',
    'group = sms-service', 'keyword = default', 'text = "ok"', 'max-messages = 0', ''].join('\n')
  const kannel = await Kannel.start({ sendsmsPort, groups })
  try {
    log(`kannel: its own sendsms path with dlr-mask 31, ${opts.contacts} messages`)
    const ms = (seconds: number) => (seconds * 1000) / opts.contacts
    const kannelBefore = cpuOf(kannel.pids())
    const selfBefore = process.cpuUsage()
    const kannelPerSecond = await kannelAlone(sendsmsPort, opts.contacts)
    const self = process.cpuUsage(selfBefore)
    const cpuAlone: CpuPerMessage = { kannel: ms(cpuOf(kannel.pids()) - kannelBefore), sender: ms((self.user + self.system) / 1e6), database: 0 }
    log(`kannel: ${Math.round(kannelPerSecond)} msg/s alone`)
    const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_kannel')
    const dbName = new URL(db.url).pathname.slice(1)
    const profileDir = process.env.BENCH_KANNEL_PROFILE
    const child = await startServer({
      env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DISPATCH_BATCH: '1000', DISPATCH_TICK_MS: '20', DATABASE_URL: db.url },
      ...(profileDir ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] } : {}),
    })
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    const auth = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`
    const call = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> => {
      const res = await fetch(`${child.url}${path}`, { method, headers: { authorization: auth, 'content-type': contentType }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
      return JSON.parse(text) as unknown
    }
    try {
      await call('POST', '/api/accounts', { username: 'bench', phone: '+15550000000' })
      await call('POST', '/api/providers', { name: 'kannel', type: 'http', host: '127.0.0.1', port: sendsmsPort, username: 'bench', password: KANNEL_PASSWORD })
      const textId = await call('POST', '/api/messages/texts', { name: 'bench', data: TEXT }) as number
      const programId = await call('POST', '/api/programs/sendsms', { name: 'bench', text_id: textId }) as number
      const groupId = await call('POST', '/api/groups', { name: 'bench' }) as number
      const lines: string[] = []
      for (let i = 0; i < opts.contacts; i++) lines.push(`+1${String(2000000000 + i)}`)
      await call('POST', `/api/groups/${groupId}/csv`, lines.join('\n'), 'text/csv')
      const id = await call('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
      await call('PUT', `/native/campaigns/${id}/cpm`, { cpm: 0 })
      log(`kannel: a campaign of ${opts.contacts} contacts through Switchboard and Kannel`)
      // The bench's own connection is left out of the database's share (it only polls).
      const ownPid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid
      const backends = new Map((await backendPids(client, dbName)).filter((p) => p !== ownPid).map((p) => [p, cpuOf([p])]))
      const before = { kannel: cpuOf(kannel.pids()), server: cpuOf([child.pid]) }
      const t0 = performance.now()
      await call('POST', `/api/campaigns/${id}/start`)
      const stored = `select count(*) as n from spool_results r join spools s on s.id = r.spool_id join transmissions t on t.id = s.transmission_id
        where t.campaign_id = $1 and r.type = 'info' and r.name = 'delivery'`
      for (;;) {
        const c = await call('GET', `/api/campaigns/${id}`) as { status: string }
        if (c.status === 'completed' && Number((await client.query(stored, [id])).rows[0].n) >= opts.contacts) break
        await sleep(200)
      }
      const seconds = (performance.now() - t0) / 1000
      let database = 0
      for (const pid of await backendPids(client, dbName)) if (pid !== ownPid) database += cpuOf([pid]) - (backends.get(pid) ?? 0)
      const cpuSwitchboard: CpuPerMessage = { kannel: ms(cpuOf(kannel.pids()) - before.kannel), sender: ms(cpuOf([child.pid]) - before.server), database: ms(database) }
      const perSecond = opts.contacts / seconds
      log(`kannel: ${opts.contacts} messages through Switchboard, delivered and reported, in ${seconds.toFixed(1)} s`)
      return { contacts: opts.contacts, kannelPerSecond, perSecond, ratio: perSecond / kannelPerSecond, loadAverage: loadavg()[0]!, cpuAlone, cpuSwitchboard }
    } finally {
      await client.end()
      await child.stop()
      await db.drop()
    }
  } finally {
    await kannel.stop()
  }
}

export function renderKannel(f: KannelFigures): string {
  const cpu = (c: CpuPerMessage) => `${c.kannel.toFixed(2)} / ${c.sender.toFixed(2)} / ${c.database.toFixed(2)}`
  return [`Load average at the end: ${f.loadAverage.toFixed(1)}. CPU ms per message: Kannel's processes / the sender / PostgreSQL.`, '',
    '| Database | Case | msg/s | × Kannel alone | Target | CPU ms/msg |', '|---|---|---:|---:|---|---|',
    `| — | Kannel alone: sendsms to smsbox → fakesmsc, dlr-mask 31, every final DLR received, ${f.contacts} messages (sender: the bench's client) | ${Math.round(f.kannelPerSecond)} | 1.00 | | ${cpu(f.cpuAlone)} |`,
    `| PostgreSQL | SMS campaign through an http (Kannel) provider, ${f.contacts} contacts, every delivery report stored (sender: the server) | ${Math.round(f.perSecond)} | ${f.ratio.toFixed(2)} | ≥ 0.9 | ${cpu(f.cpuSwitchboard)} |`].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = await benchKannel({ contacts: Number(process.env.BENCH_KANNEL_CONTACTS ?? 20_000) })
  process.stdout.write(`${renderKannel(f)}\n`)
}
