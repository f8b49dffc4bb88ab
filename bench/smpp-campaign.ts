import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { startServer } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'
import { Smsc } from '../test/helpers/smsc.ts'

// Issue 18 point 7, first half: an SMS campaign through SMPP to the local SMSC simulator (the bench
// process runs it; the server is a `switchboard serve` child on a scratch PostgreSQL database), cpm
// unlimited, timed from the start until every transmission completed AND every delivery receipt is
// stored as its spool's `info`/`delivery` row. The issue's comparison, Kannel's own fully reported
// rate measured in the same run, comes with the Kannel gateway; until then the figure is printed alone.
// Alone: `node --import tsx bench/smpp-campaign.ts` (BENCH_SMPP_CONTACTS, default 100000; BENCH_SMPP_WINDOW, default 50;
// BENCH_SMPP_NODE_ARGS adds node flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").

const ADMIN_PASSWORD = 'bench-smpp-admin-pw'
const SMSC_PASSWORD = 'bench-smsc-pw'
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

export interface SmppCampaignFigures { contacts: number; seconds: number; perSecond: number; submits: number }

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

export async function benchSmppCampaign(opts: { contacts: number; window: number }): Promise<SmppCampaignFigures> {
  const smsc = await Smsc.start({ systemId: 'bench', password: SMSC_PASSWORD })
  const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_smpp')
  const nodeArgs = process.env.BENCH_SMPP_NODE_ARGS ? process.env.BENCH_SMPP_NODE_ARGS.split(' ') : []
  const child = await startServer({ nodeArgs, env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DISPATCH_BATCH: '1000', DISPATCH_TICK_MS: '20', DATABASE_URL: db.url } })
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  const auth = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> => {
    const res = await fetch(`${child.url}${path}`, { method, headers: { authorization: auth, 'content-type': contentType }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return JSON.parse(text) as unknown
  }
  const count = async (q: string, campaignId: number) => Number((await client.query(q, [campaignId])).rows[0].n)
  try {
    await call('POST', '/api/accounts', { username: 'bench', phone: '+15550000000' })
    await call('POST', '/api/providers', { name: 'smsc', type: 'smpp', host: '127.0.0.1', port: smsc.port, username: 'bench', password: SMSC_PASSWORD, settings: JSON.stringify({ window: opts.window }) })
    const textId = await call('POST', '/api/messages/texts', { name: 'bench', data: 'Your code is 482913. It expires in 10 minutes.' }) as number
    const programId = await call('POST', '/api/programs/sendsms', { name: 'bench', text_id: textId }) as number
    const groupId = await call('POST', '/api/groups', { name: 'bench' }) as number
    const lines: string[] = []
    for (let i = 0; i < opts.contacts; i++) lines.push(`+1${String(2000000000 + i)}`)
    await call('POST', `/api/groups/${groupId}/csv`, lines.join('\n'), 'text/csv')
    const id = await call('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
    await call('PUT', `/native/campaigns/${id}/cpm`, { cpm: 0 })
    log(`smpp: a campaign of ${opts.contacts} contacts, window ${opts.window}`)
    const t0 = performance.now()
    await call('POST', `/api/campaigns/${id}/start`)
    for (;;) {
      const c = await call('GET', `/api/campaigns/${id}`) as { status: string }
      if (c.status === 'completed') break
      await new Promise((r) => setTimeout(r, 200))
    }
    const stored = `select count(*) as n from spool_results r join spools s on s.id = r.spool_id join transmissions t on t.id = s.transmission_id
      where t.campaign_id = $1 and r.type = 'info' and r.name = 'delivery'`
    while ((await count(stored, id)) < opts.contacts) await new Promise((r) => setTimeout(r, 200))
    const seconds = (performance.now() - t0) / 1000
    const completed = await count(`select count(*) as n from transmissions where campaign_id = $1 and status = 'completed'`, id)
    if (completed !== opts.contacts) throw new Error(`${completed} of ${opts.contacts} transmissions completed`)
    log(`smpp: ${opts.contacts} messages delivered and reported in ${seconds.toFixed(1)} s`)
    return { contacts: opts.contacts, seconds, perSecond: opts.contacts / seconds, submits: smsc.submits.length }
  } finally {
    await client.end()
    await child.stop()
    await db.drop()
    await smsc.stop()
  }
}

/** The Markdown row of the figure. */
export function renderSmppCampaign(f: SmppCampaignFigures): string {
  return ['| Database | Case | Figure | Target |', '|---|---|---:|---|',
    `| PostgreSQL | SMS campaign over SMPP to the local SMSC simulator, ${f.contacts} contacts, every receipt stored | ${Math.round(f.perSecond)} msg/s (${f.seconds.toFixed(1)} s, ${f.submits} submit_sm) | ≥ 1.0 × Kannel's fully reported rate in the same run (Kannel: not measured yet) |`].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = await benchSmppCampaign({ contacts: Number(process.env.BENCH_SMPP_CONTACTS ?? 100_000), window: Number(process.env.BENCH_SMPP_WINDOW ?? 50) })
  process.stdout.write(`${renderSmppCampaign(f)}\n`)
}
