/** Upper bounds (seconds) of the latency histogram's buckets; `+Inf` follows. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const

const REQUESTS = 'switchboard_http_requests_total'
const LATENCY = 'switchboard_http_request_duration_seconds'

interface Series {
  labels: string
  /** Requests by HTTP status. */
  statuses: Map<number, number>
  /** Requests per bucket (not cumulative); the last one is above every bound. */
  buckets: number[]
  sum: number
  count: number
}

/** Prometheus text escaping of a label value (exposition format: backslash, quote, newline). */
function labelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/**
 * Request counts and latencies by dialect and route pattern, in plain numbers: one Map lookup and a
 * few additions per request; rendered in the Prometheus text format when scraped.
 */
export class RequestStats {
  private readonly series = new Map<string, Series>()

  observe(dialect: string, route: string, status: number, seconds: number): void {
    const key = `${dialect}\u0000${route}`
    let s = this.series.get(key)
    if (!s) {
      s = { labels: `dialect="${labelValue(dialect)}",route="${labelValue(route)}"`, statuses: new Map(), buckets: new Array<number>(LATENCY_BUCKETS.length + 1).fill(0), sum: 0, count: 0 }
      this.series.set(key, s)
    }
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1)
    let i = 0
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]!) i++
    s.buckets[i]!++
    s.sum += seconds
    s.count++
  }

  /** The request counter and the latency histogram, with their HELP and TYPE lines. */
  render(): string {
    const lines = [
      `# HELP ${REQUESTS} HTTP requests by dialect, route pattern and status`,
      `# TYPE ${REQUESTS} counter`,
    ]
    for (const s of this.series.values()) {
      for (const [status, n] of s.statuses) lines.push(`${REQUESTS}{${s.labels},status="${status}"} ${n}`)
    }
    lines.push(`# HELP ${LATENCY} HTTP request latency by dialect and route pattern`, `# TYPE ${LATENCY} histogram`)
    for (const s of this.series.values()) {
      let cumulative = 0
      LATENCY_BUCKETS.forEach((le, i) => {
        cumulative += s.buckets[i]!
        lines.push(`${LATENCY}_bucket{le="${le}",${s.labels}} ${cumulative}`)
      })
      lines.push(`${LATENCY}_bucket{le="+Inf",${s.labels}} ${s.count}`, `${LATENCY}_sum{${s.labels}} ${s.sum}`, `${LATENCY}_count{${s.labels}} ${s.count}`)
    }
    return `${lines.join('\n')}\n`
  }
}
