import { spawn } from 'node:child_process'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import nodemailer from 'nodemailer'
import pg from 'pg'
import { startServer } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// Issue 18 point 7: email to a local SMTP server with a pooled transport (goal ≥ 1,000 messages/s).
// The peer is an SMTP sink in its own process (bench/smtp-sink.ts). Measured in the same run:
// - baseline: nodemailer's pooled transport alone (5 connections, as the `pool` default), the
//   same message sent `contacts` times from this process, as fast as the sink takes them;
// - Switchboard: an email campaign of `contacts` contacts through an `smtp` provider (pool 5), a
//   `switchboard serve` child on a scratch PostgreSQL database, cpm unlimited, timed from the start
//   until every transmission completed (template rendered per contact, result rows stored).
// Alone: `node --import tsx bench/email-campaign.ts` (BENCH_EMAIL_CONTACTS, default 20000).

const ADMIN_PASSWORD = 'bench-email-admin-pw'
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const SUBJECT = 'Your order [contact:first_name]'
const BODY = '<p>Dear [contact:first_name] [contact:last_name], your order has shipped.</p>'
const BODY_ALT = 'Dear [contact:first_name] [contact:last_name], your order has shipped.'

export interface EmailFigures { contacts: number; baselinePerSecond: number; perSecond: number; ratio: number; sinkMessages: number; loadAverage: number }

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

async function startSink(): Promise<{ port: number; stop(): Promise<number> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./smtp-sink.ts', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /^(\d+)\n/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.once('exit', () => reject(new Error('smtp sink exited')))
  })
  return {
    port,
    stop: () => new Promise<number>((resolve) => {
      child.once('exit', () => resolve(Number(/messages (\d+)/.exec(out)?.[1] ?? 0)))
      child.kill('SIGTERM')
    }),
  }
}

/** nodemailer's pooled transport alone: `n` messages, 200 in flight. */
async function baseline(port: number, n: number): Promise<number> {
  const transport = nodemailer.createTransport({ pool: true, maxConnections: 5, maxMessages: Infinity, host: '127.0.0.1', port, ignoreTLS: true })
  let next = 0
  const t0 = performance.now()
  await Promise.all(Array.from({ length: 200 }, async () => {
    while (next < n) {
      const i = next++
      await transport.sendMail({ from: 'bench@example.com', to: `user${i}@example.net`, subject: `Your order First${i}`, html: `<p>Dear First${i} Last${i}, your order has shipped.</p>`, text: `Dear First${i} Last${i}, your order has shipped.` })
    }
  }))
  const perSecond = n / ((performance.now() - t0) / 1000)
  transport.close()
  return perSecond
}

export async function benchEmail(opts: { contacts: number }): Promise<EmailFigures> {
  const sink = await startSink()
  const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_email')
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
    log(`email: nodemailer's pooled transport alone, ${opts.contacts} messages`)
    const baselinePerSecond = await baseline(sink.port, opts.contacts)
    await call('POST', '/api/accounts', { username: 'bench', email: 'bench@example.com' })
    await call('POST', '/api/providers', { name: 'sink', type: 'smtp', host: '127.0.0.1', port: sink.port, settings: JSON.stringify({ secure: 'none', pool: 5, from: 'bench@example.com' }) })
    const templateId = await call('POST', '/api/messages/templates', { name: 'bench', subject: SUBJECT, body: BODY, body_alt: BODY_ALT }) as number
    const programId = await call('POST', '/api/programs/sendemail', { name: 'bench', template_id: templateId }) as number
    const groupId = await call('POST', '/api/groups', { name: 'bench' }) as number
    const lines: string[] = []
    for (let i = 0; i < opts.contacts; i++) lines.push(`+1${String(2000000000 + i)},First${i},Last${i},user${i}@example.net`)
    await call('POST', `/api/groups/${groupId}/csv`, lines.join('\n'), 'text/csv')
    const id = await call('POST', '/api/campaigns', { program_id: programId, group_id: groupId, cpm: 600 }) as number
    await call('PUT', `/native/campaigns/${id}/cpm`, { cpm: 0 })
    log(`email: a campaign of ${opts.contacts} contacts through Switchboard`)
    const t0 = performance.now()
    await call('POST', `/api/campaigns/${id}/start`)
    for (;;) {
      const c = await call('GET', `/api/campaigns/${id}`) as { status: string }
      if (c.status === 'completed') break
      await new Promise((r) => setTimeout(r, 200))
    }
    const seconds = (performance.now() - t0) / 1000
    const completed = Number((await client.query(`select count(*) as n from transmissions where campaign_id = $1 and status = 'completed'`, [id])).rows[0].n)
    if (completed !== opts.contacts) throw new Error(`${completed} of ${opts.contacts} transmissions completed`)
    const perSecond = opts.contacts / seconds
    log(`email: ${opts.contacts} messages in ${seconds.toFixed(1)} s`)
    return { contacts: opts.contacts, baselinePerSecond, perSecond, ratio: perSecond / baselinePerSecond, sinkMessages: 0, loadAverage: loadavg()[0]! }
  } finally {
    await client.end()
    await child.stop()
    await db.drop()
    const taken = await sink.stop()
    log(`email: the sink took ${taken} messages`)
  }
}

export function renderEmail(f: EmailFigures): string {
  return [`Load average at the end: ${f.loadAverage.toFixed(1)}.`, '', '| Database | Case | msg/s | × baseline | Target |', '|---|---|---:|---:|---|',
    `| — | baseline: nodemailer's pooled transport alone (5 connections) to the local SMTP sink, ${f.contacts} messages | ${Math.round(f.baselinePerSecond)} | 1.00 | |`,
    `| PostgreSQL | email campaign through an smtp provider (pool 5) to the same sink, ${f.contacts} contacts, template rendered per contact | ${Math.round(f.perSecond)} | ${f.ratio.toFixed(2)} | ≥ 1,000 msg/s |`].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = await benchEmail({ contacts: Number(process.env.BENCH_EMAIL_CONTACTS ?? 20_000) })
  process.stdout.write(`${renderEmail(f)}\n`)
}
