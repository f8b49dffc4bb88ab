import autocannon from 'autocannon'
import { join } from 'node:path'
import { cpuSeconds, startServer, type ServerChild } from './processes.ts'
import { ADMIN_PASSWORD, seed } from './seed.ts'
import { createScratchPostgresDatabase } from '../test/helpers/database.ts'

// `BENCH_COMPARE=/path/to/other/checkout node --import tsx bench/compare.ts`: this checkout's server
// against another build's (a `git worktree` of an older commit, with node_modules linked), both on
// PostgreSQL, loaded at the same fixed rate at the same time, so the VM's changing speed hits both
// alike. Prints each server's CPU per request round by round and the median ratio (this / other).
// Settings (environment):
//   BENCH_CASES        parts of case names to compare (default all), e.g. "porta,resellerclub"
//   BENCH_RATE         requests/s for each server (default 3000: well below saturation for both)
//   BENCH_ROUNDS       rounds per case (default 5), BENCH_DURATION seconds per round (default 4)

const other = process.env.BENCH_COMPARE
if (!other) throw new Error('set BENCH_COMPARE to the other checkout (e.g. `git worktree add /tmp/base HEAD~1`)')
const wanted = (process.env.BENCH_CASES ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
const rate = Number(process.env.BENCH_RATE ?? 3000)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const duration = Number(process.env.BENCH_DURATION ?? 4)
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

interface Server { child: ServerChild; cases: Awaited<ReturnType<typeof seed>> }

/** An API process of `bin` (undefined: this checkout) on a fresh PostgreSQL database, seeded. */
async function seededServer(bin: string | undefined, cleanup: (() => Promise<void>)[]): Promise<Server> {
  const db = await createScratchPostgresDatabase(adminUrl, 'sb_compare')
  cleanup.push(() => db.drop().catch(() => {}))
  const child = await startServer({ bin, args: ['--no-dispatch'], env: { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: db.url } })
  cleanup.push(() => child.stop())
  return { child, cases: await seed(child.url, child.env) }
}

/** One round: both servers under the same load at once; CPU µs per request of each. */
async function round(servers: Server[], name: string): Promise<number[]> {
  const targets = servers.map((s) => {
    const c = s.cases.find((x) => x.name === name)!
    return { pid: s.child.pid, url: `${s.child.url}${c.path}`, headers: c.headers }
  })
  await Promise.all(targets.map((t) => autocannon({ url: t.url, headers: t.headers, connections: 10, duration: 1, overallRate: rate })))
  const before = targets.map((t) => cpuSeconds(t.pid))
  const results = await Promise.all(targets.map((t) => autocannon({ url: t.url, headers: t.headers, connections: 10, duration, overallRate: rate })))
  return targets.map((t, i) => ((cpuSeconds(t.pid) - before[i]!) / results[i]!.requests.total) * 1e6)
}

const cleanup: (() => Promise<void>)[] = []
try {
  const servers = [await seededServer(undefined, cleanup), await seededServer(join(other, 'bin/switchboard.js'), cleanup)]
  for (const c of servers[0]!.cases) {
    if (wanted.length && !wanted.some((w) => c.name.toLowerCase().includes(w))) continue
    const theirs = servers[1]!.cases.find((x) => x.name === c.name)
    if (c.unavailable !== undefined || !theirs || theirs.unavailable !== undefined) {
      const why = [c.unavailable && `this: ${c.unavailable}`, !theirs ? 'other: no such case' : theirs.unavailable && `other: ${theirs.unavailable}`]
      process.stdout.write(`${c.name}: not available in both builds (${why.filter(Boolean).join('; ')})\n`)
      continue
    }
    const ratios: number[] = []
    for (let r = 0; r < rounds; r++) {
      const [mine, theirs] = await round(servers, c.name)
      ratios.push(mine! / theirs!)
      process.stdout.write(`${c.name}: this ${mine!.toFixed(1)} µs, other ${theirs!.toFixed(1)} µs per request\n`)
    }
    ratios.sort((a, b) => a - b)
    process.stdout.write(`${c.name}: median CPU per request this / other = ${ratios[Math.floor(ratios.length / 2)]!.toFixed(3)}\n`)
  }
} finally {
  for (const f of cleanup.reverse()) await f()
}
