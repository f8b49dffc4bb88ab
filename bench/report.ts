// The bench's table: req/s, p99, ratio to the baseline and (PGlite) to the raw PGlite query rate,
// with the issue's targets (issue 2: PostgreSQL Bearer ≥ 0.50 and per-request-credential dialects
// ≥ 0.40 of the baseline; PGlite ≥ 0.75 of the raw PGlite query rate).

export interface Row {
  database: string
  name: string
  rps?: number
  p99?: number
  non2xx?: number
  errors?: number
  unavailable?: string
  /** The baseline's rate measured right before this case: its ratio is to that. */
  baseline?: number
}

interface Target { against: 'baseline' | 'raw'; min: number }

function targetOf(row: Row): Target | undefined {
  if (row.database === 'PostgreSQL') return { against: 'baseline', min: row.name.startsWith('ICTCore') ? 0.5 : 0.4 }
  if (row.database === 'PGlite') return { against: 'raw', min: 0.75 }
  return undefined
}

interface Cells { database: string; name: string; rps: string; p99: string; base: string; raw: string; target: string }

function cells(row: Row, baseline: number, raw: number): Cells {
  if (row.unavailable) return { database: row.database, name: row.name, rps: 'not available', p99: '', base: '', raw: '', target: '' }
  const rb = row.rps! / (row.baseline ?? baseline)
  const rr = row.rps! / raw
  const t = targetOf(row)
  const ratio = t?.against === 'raw' ? rr : rb
  const bad = (row.non2xx ?? 0) + (row.errors ?? 0)
  const target = t ? `≥ ${t.min.toFixed(2)} of ${t.against === 'raw' ? 'raw PGlite' : 'baseline'}: ${ratio >= t.min ? 'met' : 'NOT met'}` : ''
  return {
    database: row.database, name: row.name,
    rps: `${Math.round(row.rps!)}${bad ? ` (${bad} non-2xx/errors)` : ''}`,
    p99: String(row.p99),
    base: rb.toFixed(2),
    raw: row.database === 'PGlite' ? rr.toFixed(2) : '',
    target,
  }
}

const HEAD: Cells = { database: 'Database', name: 'Case', rps: 'req/s', p99: 'p99 ms', base: '× baseline', raw: '× raw PGlite', target: 'Target' }

export function renderTable(rows: Row[], baseline: number, raw: number): string {
  const all = [HEAD, ...rows.map((r) => cells(r, baseline, raw))]
  const keys = Object.keys(HEAD) as (keyof Cells)[]
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((c) => c[k].length))])) as Record<keyof Cells, number>
  const line = (c: Cells) => keys.map((k) => c[k].padEnd(width[k])).join('  ').trimEnd()
  return [line(all[0]!), ...all.slice(1).map(line), '', `Raw PGlite query rate: ${Math.round(raw)} queries/s`,
    ...rows.filter((r) => r.unavailable).map((r) => `not available: ${r.database} ${r.name}: ${r.unavailable}`)].join('\n')
}

/** The cases of one runtime: its rows (the first is the baseline's) and its raw PGlite query rate. */
export interface RuntimeRows { node: string; rows: Row[]; raw: number }

/**
 * The markdown report. One table, a group of columns per runtime (req/s, p99, the ratios), the
 * targets judged on the first runtime (the reference).
 */
export function renderMarkdown(
  runtimes: RuntimeRows[],
  info: { date: string; uname: string; cpu: string; cores: number },
  settings: { duration: number; warmup: number; connections: number; rounds: number; load: [number, number] },
): string {
  const [ref] = runtimes
  const multi = runtimes.length > 1
  const suffix = (node: string) => (multi ? ` (${node})` : '')
  const head = ['Database', 'Case', ...runtimes.flatMap((r) => [`req/s${suffix(r.node)}`, `p99 ms${suffix(r.node)}`, `× baseline${suffix(r.node)}`, `× raw PGlite${suffix(r.node)}`]), `Target${multi ? ` (${ref!.node})` : ''}`]
  const align = ['---', '---', ...runtimes.flatMap(() => ['---:', '---:', '---:', '---:']), '---']
  const line = (cols: string[]) => `| ${cols.join(' | ')} |`
  const body = ref!.rows.map((row) => {
    const per = runtimes.map((r) => {
      const same = r.rows.find((x) => x.database === row.database && x.name === row.name)
      return same ? cells(same, r.rows[0]!.rps!, r.raw) : undefined
    })
    return line([row.database, row.name, ...per.flatMap((c) => (c ? [c.rps, c.p99, c.base, c.raw] : ['', '', '', ''])), per[0]!.target])
  })
  return [
    '# Benchmark results', '',
    `Produced by \`npm run bench\` (bench/run.ts) on ${info.date}.`, '',
    `- Machine: \`${info.uname}\``,
    `- CPU: ${info.cpu} × ${info.cores}`,
    `- Node (the servers and the baseline, each measured against the baseline on the same runtime): ${runtimes.map((r) => r.node).join(', ')}${multi ? ` (targets judged on ${ref!.node})` : ''}`,
    `- Machine load average (1 min) at the start and the end of the run: ${settings.load[0].toFixed(1)} / ${settings.load[1].toFixed(1)} (on ${info.cores} cores; above ~1 other work competes with the measurement)`,
    `- Load: autocannon, ${settings.connections} connections, ${settings.duration} s per case after ${settings.warmup} s of warm-up, from the same machine` +
      (settings.rounds > 1 ? `; ${settings.rounds} rounds of the whole set, each figure the median of its rounds` : '') +
      (multi ? '; in each round the runtimes one after the other' : ''),
    '- Servers: a child process (LOG_LEVEL=warn): `switchboard serve --no-dispatch` (an API process; delivery runs in `switchboard worker` processes) on a fresh PostgreSQL database, `switchboard serve` (API and dispatcher in one process) on PGlite in a fresh DATA_DIR',
    `- Raw PGlite query rate (primary-key select, back to back, one PGlite instance on disk): ${runtimes.map((r) => `**${Math.round(r.raw)} queries/s**${suffix(r.node)}`).join(', ')}`,
    '- × baseline: each case against the hello-world measured right before it (the baseline server runs through the whole run); the baseline row is its measurement at the start of the round',
    '',
    line(head), line(align),
    ...body,
    '',
    ...runtimes.flatMap((r) => r.rows.filter((x) => x.unavailable).map((x) => `- not available${suffix(r.node)}: ${x.database} — ${x.name}: ${x.unavailable}`)),
    '',
  ].join('\n')
}
