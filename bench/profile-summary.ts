import { readFileSync } from 'node:fs'

// `node --import tsx bench/profile-summary.ts FILE.cpuprofile [N] [SECONDS]`: where a V8 CPU profile
// spent its busy (not idle) time: the top N functions by self time, the top N of the project's own
// functions by total time (self + callees), and self time per source file (packages by name). With
// SECONDS, only the last SECONDS of the last busy stretch (the load, not the start-up and seeding).
// A server started through bin/switchboard.js writes two profiles: the larger is the main thread.
// The profiler samples wall time: on a loaded machine, system calls (writev) soak up the time the
// process waits for a CPU, so read JavaScript shares, not syscall shares.

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const [file, n, seconds] = process.argv.slice(2)
if (!file) throw new Error('usage: bench/profile-summary.ts FILE.cpuprofile [N] [SECONDS]')
const top = Number(n ?? 40)
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(p.nodes.map((x) => [x.id, x]))
const parent = new Map<number, number>()
for (const x of p.nodes) for (const c of x.children ?? []) parent.set(c, x.id)
const idle = new Set(p.nodes.filter((x) => x.callFrame.functionName === '(idle)').map((x) => x.id))
const at: number[] = []
p.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0)

let from = -Infinity
let end = Infinity
if (seconds) {
  // 250 ms buckets; the load is the last stretch of buckets that are mostly busy.
  const bucket = 250_000
  const busy = new Map<number, number>()
  p.samples.forEach((id, i) => { if (!idle.has(id)) busy.set(Math.floor(at[i]! / bucket), (busy.get(Math.floor(at[i]! / bucket)) ?? 0) + p.timeDeltas[i]!) })
  const loaded = [...busy].filter(([, t]) => t > bucket / 2).map(([b]) => b).sort((a, b) => a - b)
  const last = loaded[loaded.length - 1] ?? 0
  end = (last + 1) * bucket
  from = Math.max(end - Number(seconds) * 1e6, end - 1e12)
}

function where(url: string): string {
  if (!url) return '(native)'
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]!
  const s = /\/(src|bench)\/(.*)$/.exec(url)
  return s ? `${s[1]}/${s[2]}` : url
}
const name = (x: Node) => `${x.callFrame.functionName || '(anonymous)'} ${where(x.callFrame.url)}:${x.callFrame.lineNumber + 1}`

const fns = new Map<string, number>()
const files = new Map<string, number>()
const inclusive = new Map<string, number>()
let total = 0
p.samples.forEach((id, i) => {
  if (at[i]! <= from || at[i]! > end || idle.has(id)) return
  const dt = p.timeDeltas[i]!
  total += dt
  const x = byId.get(id)!
  fns.set(name(x), (fns.get(name(x)) ?? 0) + dt)
  files.set(where(x.callFrame.url), (files.get(where(x.callFrame.url)) ?? 0) + dt)
  const seen = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const y = byId.get(cur)!
    if (!/\/(src)\//.test(y.callFrame.url)) continue
    const k = name(y)
    if (seen.has(k)) continue
    seen.add(k)
    inclusive.set(k, (inclusive.get(k) ?? 0) + dt)
  }
})
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`
const list = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([key, t]) => `${pct(t)}  ${key}`).join('\n')
process.stdout.write(`busy ${(total / 1e6).toFixed(1)} s sampled\n\n-- functions by self time\n${list(fns, top)}\n\n`)
process.stdout.write(`-- project functions by total time\n${list(inclusive, top)}\n\n-- files by self time\n${list(files, top)}\n`)
