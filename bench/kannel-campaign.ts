import { createServer } from 'node:http'
import { Agent, request } from 'node:http'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startServer } from './processes.ts'
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
// (BENCH_KANNEL_CONTACTS, default 20000).

const ADMIN_PASSWORD = 'bench-kannel-admin-pw'
const KANNEL_PASSWORD = 'bench-kannel-pw'
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const TEXT = 'Your code is 482913. It expires in 10 minutes.'

export interface KannelFigures { contacts: number; kannelPerSecond: number; perSecond: number; ratio: number; loadAverage: number }

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

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
    const kannelPerSecond = await kannelAlone(sendsmsPort, opts.contacts)
    log(`kannel: ${Math.round(kannelPerSecond)} msg/s alone`)
    const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_kannel')
    const child = await startServer({ env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DISPATCH_BATCH: '1000', DISPATCH_TICK_MS: '20', DATABASE_URL: db.url } })
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
      const perSecond = opts.contacts / seconds
      log(`kannel: ${opts.contacts} messages through Switchboard, delivered and reported, in ${seconds.toFixed(1)} s`)
      return { contacts: opts.contacts, kannelPerSecond, perSecond, ratio: perSecond / kannelPerSecond, loadAverage: loadavg()[0]! }
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
  return [`Load average at the end: ${f.loadAverage.toFixed(1)}.`, '', '| Database | Case | msg/s | × Kannel alone | Target |', '|---|---|---:|---:|---|',
    `| — | Kannel alone: sendsms to smsbox → fakesmsc, dlr-mask 31, every final DLR received, ${f.contacts} messages | ${Math.round(f.kannelPerSecond)} | 1.00 | |`,
    `| PostgreSQL | SMS campaign through an http (Kannel) provider, ${f.contacts} contacts, every delivery report stored | ${Math.round(f.perSecond)} | ${f.ratio.toFixed(2)} | ≥ 0.9 |`].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = await benchKannel({ contacts: Number(process.env.BENCH_KANNEL_CONTACTS ?? 20_000) })
  process.stdout.write(`${renderKannel(f)}\n`)
}
