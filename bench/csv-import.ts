import { readFileSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { cpuSeconds, startServer } from './processes.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// ICTCore group CSV import (spec/ictcore.md §8; issue target: 1,000,000 contacts into a group in
// ≤ 15 s on PostgreSQL with flat memory). A real `switchboard serve` child process gets a generated
// CSV streamed over HTTP (`POST /api/groups/{id}/csv`, Basic auth, chunked) and the server's own
// peak RSS is read from /proc. Alone: `node --import tsx bench/csv-import.ts` (PostgreSQL, a scratch
// database on BENCH_DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/postgres;
// `--pglite` for PGlite; BENCH_CSV_COUNTS="100000,1000000" to change the sizes; BENCH_CSV_NODE_ARGS
// adds node flags to the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" or "--trace-gc" with
// BENCH_CSV_SERVER_OUT=<file> to keep the server's stdout).

export interface CsvImportResult {
  count: number
  seconds: number
  rowsPerSecond: number
  /** The server's peak RSS during the import. */
  peakRssMb: number
  /** The server's RSS just before the import, and the CPU time it spent on it (user + system). */
  rssBeforeMb?: number
  serverCpuSeconds?: number
}

const ADMIN_PASSWORD = 'bench-csv-admin-pw-1'
const USER = { username: 'csvbench', password: 'csv-bench-pw-1' }

/** Line `i` of the generated file: all 9 columns, some quoted (with a comma, with a `""` escape). */
function csvLine(i: number): string {
  const n = String(i).padStart(9, '0')
  return `92${n},First${i},"Last, ${i}",user${i}@example.com,"${i} Main Street ""B""",custom-a-${i},custom-b,custom-c,Imported by the CSV bench\r\n`
}

/** The CSV as a byte stream of 500-line chunks (~75 kB), generated as it is read. */
function csvStream(count: number): Readable {
  let i = 0
  return new Readable({
    read() {
      if (i >= count) { this.push(null); return }
      let s = ''
      const end = Math.min(count, i + 500)
      for (; i < end; i++) s += csvLine(i)
      this.push(Buffer.from(s))
    },
  })
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Number(m[1]) : 0
}

/**
 * Peak RSS of `pid` while `work` runs: the kernel's high-water mark, reset first (clear_refs 5), and
 * VmRSS polled every 20 ms as a floor in case the reset is not permitted.
 */
async function peakRssDuring<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; peakKb: number }> {
  let reset = true
  try { writeFileSync(`/proc/${pid}/clear_refs`, '5') } catch { reset = false }
  let polled = statusKb(pid, 'VmRSS')
  const timer = setInterval(() => { polled = Math.max(polled, statusKb(pid, 'VmRSS')) }, 20)
  try {
    const value = await work()
    polled = Math.max(polled, statusKb(pid, 'VmRSS'))
    return { value, peakKb: reset ? Math.max(polled, statusKb(pid, 'VmHWM')) : polled }
  } finally {
    clearInterval(timer)
  }
}

const basic = (u: { username: string; password: string }) => `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}`

async function api(base: string, method: string, path: string, auth: string, json?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/api${path}`, {
    method, headers: { authorization: auth, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  })
  const text = await res.text()
  if (res.status !== 200) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`)
  return JSON.parse(text) as unknown
}

/** Streams the CSV to the import route (chunked) and resolves with the reply. */
function postCsv(base: string, groupId: number, auth: string, body: Readable): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/groups/${groupId}/csv`, { method: 'POST', headers: { authorization: auth, 'content-type': 'text/csv' } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => { text += d })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      res.on('error', reject)
    })
    req.on('error', reject)
    pipeline(body, req).catch(reject)
  })
}

/** Imports `counts` generated contacts, each into a fresh group of an ordinary user, on one server. */
export async function benchCsvImport(opts: { databaseUrl?: string; counts: number[] }): Promise<CsvImportResult[]> {
  const server = await startServer({
    args: ['--no-dispatch'],
    nodeArgs: (process.env.BENCH_CSV_NODE_ARGS ?? '').split(' ').filter(Boolean),
    stdoutFile: process.env.BENCH_CSV_SERVER_OUT,
    env: {
      SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: opts.databaseUrl,
      // ~150 bytes a line: past ~1.7M lines the default 256 MiB upload limit would answer 413.
      CSV_MAX_BYTES: process.env.CSV_MAX_BYTES ?? String(Math.max(268_435_456, 200 * Math.max(...opts.counts))),
    },
  })
  const results: CsvImportResult[] = []
  try {
    const admin = basic({ username: 'admin', password: ADMIN_PASSWORD })
    await api(server.url, 'POST', '/users', admin, { ...USER, email: 'csvbench@example.com', first_name: 'CSV', last_name: 'Bench' })
    const auth = basic(USER)
    for (const count of opts.counts) {
      const groupId = await api(server.url, 'POST', '/groups', auth, { name: `bench ${count}` }) as number
      const rssBeforeMb = statusKb(server.pid, 'VmRSS') / 1024
      const cpuBefore = cpuSeconds(server.pid)
      const started = process.hrtime.bigint()
      const { value: res, peakKb } = await peakRssDuring(server.pid, () => postCsv(server.url, groupId, auth, csvStream(count)))
      const seconds = Number(process.hrtime.bigint() - started) / 1e9
      const serverCpuSeconds = cpuSeconds(server.pid) - cpuBefore
      if (res.status !== 200 || JSON.parse(res.text) !== groupId) throw new Error(`import of ${count} answered ${res.status}: ${res.text.slice(0, 200)}`)
      const report = await api(server.url, 'GET', `/groups/${groupId}/csv/report`, auth) as { contact_created: number; error_total: number }
      const group = await api(server.url, 'GET', `/groups/${groupId}`, auth) as { contact_total: number }
      if (report.contact_created !== count || report.error_total !== 0 || group.contact_total !== count) {
        throw new Error(`import of ${count}: report ${JSON.stringify(report).slice(0, 200)}, contact_total ${group.contact_total}`)
      }
      results.push({ count, seconds, rowsPerSecond: count / seconds, peakRssMb: peakKb / 1024, rssBeforeMb, serverCpuSeconds })
    }
  } finally {
    await server.stop()
  }
  return results
}

/** The results as a markdown table. */
export function renderCsvImportTable(database: string, results: CsvImportResult[]): string {
  return [
    '| Database | Contacts | Seconds | Rows/s | Server peak RSS | Server RSS before | Server CPU s |', '|---|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${database} | ${r.count.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} | ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} | ` +
      `${Math.round(r.peakRssMb)} MB | ${r.rssBeforeMb === undefined ? '' : `${Math.round(r.rssBeforeMb)} MB`} | ${r.serverCpuSeconds?.toFixed(1) ?? ''} |`),
  ].join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const counts = (process.env.BENCH_CSV_COUNTS ?? '100000,1000000').split(',').map(Number)
  if (process.argv.includes('--pglite')) {
    process.stdout.write(`${renderCsvImportTable('PGlite', await benchCsvImport({ counts }))}\n`)
  } else {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
    const db = await createScratchPostgresDatabase(adminUrl, 'sb_bench_csv')
    try {
      process.stdout.write(`${renderCsvImportTable('PostgreSQL', await benchCsvImport({ databaseUrl: db.url, counts }))}\n`)
    } finally {
      await db.drop()
    }
  }
}
